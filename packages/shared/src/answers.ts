/**
 * What each kind of survey takes as an answer: the one rule the widget's forms and the collector's ingest
 * both apply, so a form never thanks someone for an answer the collector would refuse. Pure and free of
 * zod (types only), so the widget may import it directly (`@heed/shared/answers`).
 */
import type { Answers } from './submission.ts';
import type { SurveyKind } from './survey.ts';

/** The answer fields each kind of survey asks; any other field is refused. */
export const ANSWER_FIELDS: Readonly<Record<SurveyKind, readonly (keyof Answers)[]>> = {
  nps: ['score', 'comment'],
  csat: ['score', 'comment'],
  cancel: ['reason', 'comment'],
  uninstall: ['reasons', 'comment'],
};

/** The scores a CSAT survey takes: 1 (very unsatisfied) to 5 (very satisfied). */
export const CSAT_SCORES = [1, 2, 3, 4, 5] as const;

/** Whether a survey of `kind` is answered by a score (NPS 0-10, CSAT 1-5) rather than by reasons. */
export function scored(kind: SurveyKind): kind is 'nps' | 'csat' {
  return kind === 'nps' || kind === 'csat';
}

/**
 * Whether an answer says enough to be kept: an NPS or CSAT survey needs its score; a cancel or uninstall survey
 * a reason or a comment that is not blank (someone leaving may well have only words for why).
 */
export function answerGiven(kind: SurveyKind, answers: Answers): boolean {
  return scored(kind) ? answers.score !== undefined : !!(answers.reason || answers.reasons?.length || answers.comment?.trim());
}

/** The reasons a cancel or uninstall survey offers, by id. */
interface ReasonChoices {
  kind: SurveyKind;
  reasons?: readonly { id: string }[];
}

/**
 * The answers as they are stored (the comment trimmed, and dropped when blank; an empty list of reasons
 * dropped), or why they do not fit the survey, naming the field (`answers.reasons[1] "x" is not one of ...`).
 */
export function checkAnswers(survey: ReasonChoices, answers: Answers): { answers: Answers } | { problem: string } {
  const { kind } = survey;
  for (const field of Object.keys(answers) as (keyof Answers)[]) {
    if (answers[field] !== undefined && !ANSWER_FIELDS[kind].includes(field)) {
      return { problem: `answers.${field} is not asked by ${kind} surveys` };
    }
  }
  if (!answerGiven(kind, answers)) {
    return { problem: scored(kind) ? 'answers.score is required' : `answers.${kind === 'cancel' ? 'reason' : 'reasons'} or answers.comment is required` };
  }
  if (kind === 'csat' && !CSAT_SCORES.includes(answers.score as 1)) {
    return { problem: `answers.score must be an integer from 1 to 5 in csat surveys, got ${answers.score}` };
  }
  const comment = answers.comment?.trim();
  const kept: Answers = scored(kind) ? { score: answers.score } : {};
  const ids = (survey.reasons ?? []).map((reason) => reason.id);
  const chosen = kind === 'cancel' ? (answers.reason === undefined ? [] : [answers.reason]) : (answers.reasons ?? []);
  for (const [index, reason] of chosen.entries()) {
    const field = kind === 'cancel' ? 'answers.reason' : `answers.reasons[${index}]`;
    if (!ids.includes(reason)) return { problem: `${field} "${reason}" is not one of ${ids.join(', ')}` };
    if (chosen.indexOf(reason) !== index) return { problem: `${field} "${reason}" is repeated` };
  }
  if (kind === 'cancel' && answers.reason !== undefined) kept.reason = answers.reason;
  if (kind === 'uninstall' && chosen.length) kept.reasons = chosen;
  if (comment) kept.comment = comment;
  return { answers: kept };
}
