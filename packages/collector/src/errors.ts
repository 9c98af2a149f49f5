/**
 * Every error Heed answers with, in one map: code, message template, HTTP status. The HTTP layers (Fastify
 * and Hono) render them as `{statusCode, code, error, message}`; the domain throws them.
 */
import createError from '@fastify/error';

export const errors = {
  validation: createError('HEED_ERR_VALIDATION', '%s', 400),
  unknownProject: createError('HEED_ERR_UNKNOWN_PROJECT', 'unknown project key "%s"', 404),
  unknownSurvey: createError('HEED_ERR_UNKNOWN_SURVEY', 'unknown survey "%s" in project "%s"', 404),
  inactiveSurvey: createError('HEED_ERR_SURVEY_INACTIVE', 'survey "%s" is not accepting answers', 409),
  answers: createError('HEED_ERR_ANSWERS', 'answers: %s', 400),
  unauthorized: createError('HEED_ERR_UNAUTHORIZED', 'a valid "Authorization: Bearer <admin token>" header is required', 401),
  notFound: createError('HEED_ERR_NOT_FOUND', '%s not found', 404),
  conflict: createError('HEED_ERR_CONFLICT', '%s', 409),
  badCursor: createError('HEED_ERR_BAD_CURSOR', 'cursor is not valid', 400),
  unsupportedMediaType: createError('HEED_ERR_MEDIA_TYPE', 'content-type must be application/json or text/plain, got "%s"', 415),
  storeUnavailable: createError('HEED_ERR_STORE_UNAVAILABLE', 'the response store is unavailable', 503),
  // 409, not 503: the collector is up and will stay without a mailer until it is configured, like a state conflict.
  mailerUnavailable: createError('HEED_ERR_MAILER_UNAVAILABLE', 'no SMTP mailer is configured (set HEED_SMTP_URL) to send %s', 409),
  mailFailed: createError('HEED_ERR_MAIL_FAILED', 'the SMTP server did not take the message: %s', 502),
  origin: createError('HEED_ERR_ORIGIN', 'origin "%s" is not allowed to post to project "%s"', 403),
  bodyTooLarge: createError('HEED_ERR_BODY_TOO_LARGE', 'request body is larger than %d bytes', 413),
  adminDisabled: createError('HEED_ERR_ADMIN_DISABLED', 'the admin API is disabled: set HEED_ADMIN_TOKEN to enable it', 401),
  signature: createError('HEED_ERR_SIGNATURE', 'the Heed-Signature header does not verify', 401),
  methodNotAllowed: createError('HEED_ERR_METHOD_NOT_ALLOWED', '%s is not allowed on %s; allowed: %s', 405),
  changedMeanwhile: createError('HEED_ERR_CHANGED_MEANWHILE', '%s', 412),
  preconditionFailed: createError('HEED_ERR_PRECONDITION_FAILED', 'a precondition of the request (If-Match, If-Unmodified-Since) does not hold', 412),
  rangeNotSatisfiable: createError('HEED_ERR_RANGE_NOT_SATISFIABLE', 'the requested range is outside the resource', 416),
  internal: createError('HEED_ERR_INTERNAL', 'internal error', 500),
} as const;

export type HeedErrorCode = ReturnType<(typeof errors)[keyof typeof errors]>['code'];

/** True for errors from the map above (and any @fastify/error with a code and status). */
export function isHeedError(error: unknown): error is Error & { code: string; statusCode: number } {
  if (!(error instanceof Error)) return false;
  const { code, statusCode } = error as Error & { code?: unknown; statusCode?: unknown };
  return typeof code === 'string' && code.startsWith('HEED_ERR_') && typeof statusCode === 'number';
}

/** The codes each status can carry, from the map above: what `/openapi.json` documents per status. */
export function codesByStatus(): Map<number, string[]> {
  const byStatus = new Map<number, string[]>();
  for (const make of Object.values(errors)) {
    const { code, statusCode } = make();
    byStatus.set(statusCode, [...(byStatus.get(statusCode) ?? []), code]);
  }
  return byStatus;
}
