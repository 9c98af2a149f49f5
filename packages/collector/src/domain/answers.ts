/**
 * Whether a submission's answers fit its survey: NPS takes a score, cancel forms one of their reasons,
 * uninstall surveys several of theirs; any of them a comment. Errors name the offending field.
 */
import type { Answers, Survey } from '@heed/shared';
import { errors } from '../errors.ts';

const ALLOWED: Record<Survey['kind'], (keyof Answers)[]> = {
  nps: ['score', 'comment'],
  cancel: ['reason', 'comment'],
  uninstall: ['reasons', 'comment'],
};

/** The answers as stored: checked against the survey, the comment trimmed (and dropped when blank). */
export function normaliseAnswers(survey: Survey, answers: Answers): Answers {
  for (const field of Object.keys(answers) as (keyof Answers)[]) {
    if (answers[field] !== undefined && !ALLOWED[survey.kind].includes(field)) {
      throw new errors.answers(`answers.${field} is not asked by ${survey.kind} surveys`);
    }
  }
  const comment = answers.comment?.trim();
  const withComment = comment ? { comment } : {};

  switch (survey.kind) {
    case 'nps':
      if (answers.score === undefined) throw new errors.answers('answers.score is required');
      return { score: answers.score, ...withComment };
    case 'cancel': {
      const ids = survey.reasons.map((r) => r.id);
      if (answers.reason === undefined) throw new errors.answers('answers.reason is required');
      if (!ids.includes(answers.reason)) {
        throw new errors.answers(`answers.reason "${answers.reason}" is not one of ${ids.join(', ')}`);
      }
      return { reason: answers.reason, ...withComment };
    }
    case 'uninstall': {
      const ids = survey.reasons.map((r) => r.id);
      const reasons = answers.reasons ?? [];
      if (reasons.length === 0) throw new errors.answers('answers.reasons must name at least one reason');
      reasons.forEach((reason, index) => {
        if (!ids.includes(reason)) {
          throw new errors.answers(`answers.reasons[${index}] "${reason}" is not one of ${ids.join(', ')}`);
        }
        if (reasons.indexOf(reason) !== index) throw new errors.answers(`answers.reasons[${index}] "${reason}" is repeated`);
      });
      return { reasons, ...withComment };
    }
  }
}
