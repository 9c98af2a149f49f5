import { describe, expect, it } from 'vitest';
import type { Answers, Survey } from '@heed/shared';
import { normaliseAnswers } from './answers.ts';
import { testConfig } from './test-support.ts';

const survey = (id: string): Survey => {
  const found = testConfig().surveys.find((s) => s.id === id);
  if (!found) throw new Error(id);
  return found;
};
const nps = survey('app-nps');
const cancel = survey('portal-cancel');
const uninstall = survey('extension-exit');

describe('normaliseAnswers', () => {
  it.each<[string, Survey, Answers, Answers]>([
    ['nps score', nps, { score: 0 }, { score: 0 }],
    ['nps comment trimmed', nps, { score: 10, comment: '  great \n' }, { score: 10, comment: 'great' }],
    ['blank comment dropped', nps, { score: 5, comment: ' \t ' }, { score: 5 }],
    ['cancel reason', cancel, { reason: 'too-expensive', comment: 'pricey' }, { reason: 'too-expensive', comment: 'pricey' }],
    ['uninstall reasons', uninstall, { reasons: ['privacy', 'too-slow'] }, { reasons: ['privacy', 'too-slow'] }],
    ['an uninstall comment alone', uninstall, { comment: ' It kept crashing ' }, { comment: 'It kept crashing' }],
    ['an uninstall comment with an empty reason list', uninstall, { reasons: [], comment: 'meh' }, { comment: 'meh' }],
    ['a cancel comment alone', cancel, { comment: 'Switching to a competitor' }, { comment: 'Switching to a competitor' }],
  ])('accepts %s', (_name, s, answers, expected) => {
    expect(normaliseAnswers(s, answers)).toEqual(expected);
  });

  it.each<[Survey, Answers, string]>([
    [nps, {}, 'answers: answers.score is required'],
    [nps, { comment: 'no score' }, 'answers: answers.score is required'],
    [nps, { score: 3, reason: 'other' }, 'answers: answers.reason is not asked by nps surveys'],
    [nps, { score: 3, reasons: ['other'] }, 'answers: answers.reasons is not asked by nps surveys'],
    [cancel, {}, 'answers: answers.reason or answers.comment is required'],
    [cancel, { comment: '   ' }, 'answers: answers.reason or answers.comment is required'],
    [cancel, { reason: 'x' }, 'answers: answers.reason "x" is not one of too-expensive, missing-features, other'],
    [cancel, { reason: 'other', score: 2 }, 'answers: answers.score is not asked by cancel surveys'],
    [cancel, { reasons: ['other'] }, 'answers: answers.reasons is not asked by cancel surveys'],
    [uninstall, {}, 'answers: answers.reasons or answers.comment is required'],
    [uninstall, { reasons: [], comment: '\n' }, 'answers: answers.reasons or answers.comment is required'],
    [uninstall, { reasons: ['privacy', 'nope'] }, 'answers: answers.reasons[1] "nope" is not one of not-useful, too-slow, privacy'],
    [uninstall, { reasons: ['privacy', 'privacy'] }, 'answers: answers.reasons[1] "privacy" is repeated'],
    [uninstall, { reason: 'privacy' }, 'answers: answers.reason is not asked by uninstall surveys'],
  ])('rejects %#: %s', (s, answers, message) => {
    expect(() => normaliseAnswers(s, answers)).toThrow(expect.objectContaining({ code: 'HEED_ERR_ANSWERS', statusCode: 400, message }));
  });
});
