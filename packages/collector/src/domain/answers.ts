/**
 * Whether a submission's answers fit its survey, by the rule the widget's forms apply too (`checkAnswers`
 * in @heed/shared): NPS takes a score, cancel forms one of their reasons, uninstall surveys several of
 * theirs; a cancel or uninstall answer may be a comment alone. Errors name the offending field.
 */
import { type Answers, type Survey, checkAnswers } from '@heed/shared';
import { errors } from '../errors.ts';

/** The answers as stored: checked against the survey, the comment trimmed (and dropped when blank). */
export function normaliseAnswers(survey: Survey, answers: Answers): Answers {
  const checked = checkAnswers(survey, answers);
  if ('problem' in checked) throw new errors.answers(checked.problem);
  return checked.answers;
}
