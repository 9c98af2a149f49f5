import type { Answers } from '@heed/shared';

/**
 * How a form hands over an answer: `tell` is called with true when the person may be thanked (the
 * collector acknowledged it, or it is queued for retries) and with false when the collector refused it.
 */
export type SubmitAnswer = (answers: Answers, tell: (thanks: boolean) => void) => void;
