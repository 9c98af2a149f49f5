/**
 * The chunk heed.js loads lazily, only when a survey is due or answers from an earlier visit are still
 * queued: the Preact UI and the transport that delivers answers.
 */
export { openSurvey } from './ui/open-survey.tsx';
export { pageTransport } from './transport.ts';
