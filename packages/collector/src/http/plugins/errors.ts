/**
 * The single error handler: every failure leaves as `{statusCode, code, error, message}`. Validation issues
 * name the field (`body.answers.score: ...`); 5xx details are logged, never sent.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errors, isHeedError } from '../../errors.ts';
import { errorBody } from '../error-body.ts';
import { EMPTY_BODY_MESSAGE, MALFORMED_JSON_MESSAGE } from '../json-body.ts';

/** Zod's `/answers/score` instance path as `body.answers.score`; array indexes as `[0]`. */
function fieldPath(context: string | undefined, instancePath: string): string {
  const root = context === 'querystring' ? 'query' : (context ?? 'request');
  return instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), root);
}

/** Fastify's own errors (body parsing, validation) as Heed's coded errors; anything else is passed through. */
export function toHeedError(error: FastifyError, request: FastifyRequest): unknown {
  if (isHeedError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const lines = error.validation.map((issue) => `${fieldPath(error.validationContext, issue.instancePath)}: ${issue.message}`);
    return errors.validation(lines.join('; '));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.validation(EMPTY_BODY_MESSAGE);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errors.validation(MALFORMED_JSON_MESSAGE);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.bodyTooLarge(request.routeOptions.bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(request.headers['content-type'] ?? '');
    default:
      return error.statusCode === 400 ? errors.validation(error.message) : error;
  }
}

const BEARER_CODES = new Set(['HEED_ERR_UNAUTHORIZED', 'HEED_ERR_ADMIN_DISABLED']);

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const heedError = toHeedError(error, request);
      const body = errorBody(heedError);
      if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      if (BEARER_CODES.has(body.code)) reply.header('WWW-Authenticate', 'Bearer');
      return reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
    });
    app.setNotFoundHandler((request, reply) => {
      const body = errorBody(errors.notFound(`${request.method} ${request.url.split('?')[0]}`));
      return reply.status(404).send(body);
    });
  },
  { name: 'heed-errors', fastify: '5.x' },
);
