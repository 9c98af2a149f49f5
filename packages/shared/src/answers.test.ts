import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS, answerGiven, checkAnswers } from './answers.ts';
import type { Answers } from './submission.ts';

const nps = { kind: 'nps' as const };
const cancel = { kind: 'cancel' as const, reasons: [{ id: 'too-expensive' }, { id: 'other' }] };
const uninstall = { kind: 'uninstall' as const, reasons: [{ id: 'not-useful' }, { id: 'privacy' }] };

describe('answerGiven', () => {
  it('needs a score for NPS, even with a comment', () => {
    expect(answerGiven('nps', { score: 0 })).toBe(true);
    expect(answerGiven('nps', { comment: 'words only' })).toBe(false);
  });

  it.each(['cancel', 'uninstall'] as const)('takes a reason or a comment alone for %s surveys, not a blank comment', (kind) => {
    expect(answerGiven(kind, { comment: 'It never synced' })).toBe(true);
    expect(answerGiven(kind, kind === 'cancel' ? { reason: 'other' } : { reasons: ['privacy'] })).toBe(true);
    expect(answerGiven(kind, {})).toBe(false);
    expect(answerGiven(kind, { comment: ' \n\t' })).toBe(false);
    expect(answerGiven(kind, { reasons: [] })).toBe(false);
  });
});

describe('checkAnswers', () => {
  it.each<[string, typeof nps | typeof cancel | typeof uninstall, Answers, Answers]>([
    ['an NPS score with a trimmed comment', nps, { score: 10, comment: '  great \n' }, { score: 10, comment: 'great' }],
    ['an NPS score with a blank comment', nps, { score: 5, comment: ' ' }, { score: 5 }],
    ['a cancel reason', cancel, { reason: 'other', comment: 'pricey' }, { reason: 'other', comment: 'pricey' }],
    ['a cancel comment alone', cancel, { comment: ' moving to a rival ' }, { comment: 'moving to a rival' }],
    ['uninstall reasons', uninstall, { reasons: ['privacy', 'not-useful'] }, { reasons: ['privacy', 'not-useful'] }],
    ['an uninstall comment alone, with no reasons', uninstall, { reasons: [], comment: 'Too noisy' }, { comment: 'Too noisy' }],
  ])('keeps %s', (_name, survey, answers, kept) => {
    expect(checkAnswers(survey, answers)).toEqual({ answers: kept });
  });

  it.each<[typeof nps | typeof cancel | typeof uninstall, Answers, string]>([
    [nps, { comment: 'no score' }, 'answers.score is required'],
    [nps, { score: 3, reason: 'other' }, 'answers.reason is not asked by nps surveys'],
    [cancel, {}, 'answers.reason or answers.comment is required'],
    [cancel, { comment: '  ' }, 'answers.reason or answers.comment is required'],
    [cancel, { reason: 'x' }, 'answers.reason "x" is not one of too-expensive, other'],
    [cancel, { reasons: ['other'] }, 'answers.reasons is not asked by cancel surveys'],
    [uninstall, { reasons: [] }, 'answers.reasons or answers.comment is required'],
    [uninstall, { reasons: ['privacy', 'nope'], comment: 'x' }, 'answers.reasons[1] "nope" is not one of not-useful, privacy'],
    [uninstall, { reasons: ['privacy', 'privacy'] }, 'answers.reasons[1] "privacy" is repeated'],
    [uninstall, { score: 1, comment: 'x' }, 'answers.score is not asked by uninstall surveys'],
  ])('refuses %#: %s', (survey, answers, problem) => {
    expect(checkAnswers(survey, answers)).toEqual({ problem });
  });

  it('agrees with answerGiven on every answer it keeps or refuses for want of one', () => {
    const samples: Answers[] = [{}, { comment: 'x' }, { comment: ' ' }, { score: 4 }, { reason: 'other' }, { reasons: ['privacy'] }, { reasons: [] }];
    for (const survey of [nps, cancel, uninstall]) {
      for (const answers of samples) {
        const fitting = Object.fromEntries(Object.entries(answers).filter(([field]) => ANSWER_FIELDS[survey.kind].includes(field as keyof Answers)));
        expect('answers' in checkAnswers(survey, fitting), `${survey.kind} ${JSON.stringify(fitting)}`).toBe(answerGiven(survey.kind, fitting));
      }
    }
  });
});

describe('CSAT answers', () => {
  const csat = { kind: 'csat' as const };

  it('need a score from 1 to 5; a comment is optional', () => {
    expect(answerGiven('csat', { score: 1 })).toBe(true);
    expect(answerGiven('csat', { comment: 'words only' })).toBe(false);
    expect(checkAnswers(csat, { score: 5 })).toEqual({ answers: { score: 5 } });
    expect(checkAnswers(csat, { score: 2, comment: '  slow export ' })).toEqual({ answers: { score: 2, comment: 'slow export' } });
    expect(checkAnswers(csat, { score: 4, comment: ' ' })).toEqual({ answers: { score: 4 } });
  });

  it.each<[Answers, string]>([
    [{ comment: 'no score' }, 'answers.score is required'],
    [{ score: 0 }, 'answers.score must be an integer from 1 to 5 in csat surveys, got 0'],
    [{ score: 6 }, 'answers.score must be an integer from 1 to 5 in csat surveys, got 6'],
    [{ score: 3, reasons: ['x'] }, 'answers.reasons is not asked by csat surveys'],
  ])('refuses %j, naming the field', (answers, problem) => {
    expect(checkAnswers(csat, answers)).toEqual({ problem });
  });

  it('asks the fields NPS asks', () => {
    expect(ANSWER_FIELDS.csat).toEqual(ANSWER_FIELDS.nps);
  });
});
