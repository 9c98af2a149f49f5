/**
 * The single error handler: every failure leaves as `{statusCode, code, error, message}` with a code from
 * the one map (errors.ts). Validation issues name the field (`body.answers.score: ...`); what Fastify, its
 * router and @fastify/static throw for a client's mistake (a bad range, a failed precondition, a path out of
 * the root, an over-long path parameter, a method a path does not have) is a 4xx with a Heed code, logged
 * without a stack; only 5xx details are logged, and never sent.
 */
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errors, isHeedError } from '../../errors.ts';
import { errorBody } from '../error-body.ts';
import { SECURITY_HEADERS } from '../security-headers.ts';
import { EMPTY_BODY_MESSAGE, MALFORMED_JSON_MESSAGE } from '../json-body.ts';

/**
 * Longest path parameter the router takes, in characters of the (percent-encoded) URL: 200 characters, the
 * most any route's schema allows, of 4-byte UTF-8 are 2,400 encoded. A longer one is a validation error.
 */
export const MAX_PARAM_LENGTH = 2400;

/** Zod's `/answers/score` instance path as `body.answers.score`; array indexes as `[0]`. */
function fieldPath(context: string | undefined, instancePath: string): string {
  const root = context === 'querystring' ? 'query' : (context ?? 'request');
  return instancePath
    .split('/')
    .filter((segment) => segment !== '')
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), root);
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0] ?? '/';

/** Fastify's own errors (body parsing, validation, routing, static files) as Heed's coded errors. */
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
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return errors.validation(`params: a path parameter is longer than ${MAX_PARAM_LENGTH} characters`);
    case 'FST_ERR_BAD_URL':
      return errors.validation('url: not a valid percent-encoded path');
    case 'FST_STATIC_FORBIDDEN_PATH': // a path out of the served root: as if it did not exist
      return errors.notFound(`${request.method} ${pathOf(request)}`);
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return error;
  switch (status) {
    case 404:
      return errors.notFound(`${request.method} ${pathOf(request)}`);
    case 412:
      return errors.preconditionFailed();
    case 413:
      return errors.bodyTooLarge(request.routeOptions.bodyLimit);
    case 415:
      return errors.unsupportedMediaType(request.headers['content-type'] ?? '');
    case 416:
      return errors.rangeNotSatisfiable();
    default:
      return errors.validation(error.message);
  }
}

const BEARER_CODES = new Set(['HEED_ERR_UNAUTHORIZED', 'HEED_ERR_ADMIN_DISABLED']);

function send(request: FastifyRequest, reply: FastifyReply, error: unknown, cause: unknown): FastifyReply {
  const body = errorBody(error);
  if (body.statusCode >= 500) request.log.error({ err: cause }, 'request failed');
  if (BEARER_CODES.has(body.code)) reply.header('WWW-Authenticate', 'Bearer');
  // A 416 says how long the resource is (RFC 9110 15.5.17): the static file server puts it on the error.
  const contentRange = (cause as { headers?: Record<string, string> }).headers?.['Content-Range'];
  if (body.statusCode === 416 && contentRange) reply.header('Content-Range', contentRange);
  if (body.code === 'HEED_ERR_METHOD_NOT_ALLOWED') reply.header('Allow', (error as { allow?: string }).allow ?? '');
  return reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}

/** Errors the router meets before a request has a route (Fastify's `frameworkErrors` option). */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  reply.headers(SECURITY_HEADERS); // no onRequest hook has run
  send(request, reply, toHeedError(error, request), error);
};

/** The router limits, set where the Fastify instance is created. */
export const routerOptions = { routerOptions: { maxParamLength: MAX_PARAM_LENGTH }, frameworkErrors } satisfies FastifyServerOptions;

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

export default fp(
  async (app) => {
    // Every route's path as a pattern, to tell "no such path" (404) from "no such method here" (405).
    // Catch-all OPTIONS routes (CORS preflights) are left out: they would make every path known.
    const known = new Map<string, KnownPath>();
    app.addHook('onRoute', (route) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((method) => method !== 'OPTIONS');
      if (methods.length === 0 || route.url === '*' || route.url === '/*') return;
      const entry = known.get(route.url) ?? { pattern: routePattern(route.url), methods: new Set<string>() };
      for (const method of methods) entry.methods.add(method);
      if (entry.methods.has('GET')) entry.methods.add('HEAD');
      known.set(route.url, entry);
    });
    const methodNotAllowed = (request: FastifyRequest): unknown => {
      const path = pathOf(request);
      const allowed = new Set<string>();
      for (const { pattern, methods } of known.values()) if (pattern.test(path)) for (const method of methods) allowed.add(method);
      // OPTIONS is CORS's: a preflight it does not answer is a 404, as in the fetch handler.
      if (allowed.size === 0 || allowed.has(request.method) || request.method === 'OPTIONS') return undefined;
      const allow = [...allowed].sort().join(', ');
      return Object.assign(errors.methodNotAllowed(request.method, path, allow), { allow });
    };

    app.setErrorHandler((error: FastifyError, request, reply) => {
      // A request no route took (an unknown method with a body, say) is first of all a wrong method.
      const heedError = (request.is404 ? methodNotAllowed(request) : undefined) ?? toHeedError(error, request);
      return send(request, reply, heedError, error);
    });
    app.setNotFoundHandler((request, reply) => {
      const error = methodNotAllowed(request) ?? errors.notFound(`${request.method} ${pathOf(request)}`);
      return send(request, reply, error, error);
    });
  },
  { name: 'heed-errors', fastify: '5.x' },
);

/** `/v1/responses/:id` as `^/v1/responses/[^/]+$`; a trailing `*` matches the rest of the path. */
function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.+?^${}()|[\]\\*]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
