/**
 * The error answers of every route in `/openapi.json`: the one error body `{statusCode, code, error,
 * message}`, per status, with the `HEED_ERR_*` codes that status can carry (from the map in errors.ts).
 * What a route can answer follows from what it is: every route can meet a bad URL (400), a missing
 * resource (404) and an internal error (500); a route under `/v1` or `/readyz` reads the store (503); a
 * route with the admin token's security can refuse it (401); a route with a body can meet one too large
 * or of another type (413, 415); a route names any other status in `config.errorStatuses`.
 */
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { codesByStatus } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Error statuses this route answers beyond those its kind implies (see openapi-errors.ts). */
    errorStatuses?: readonly number[];
  }
}

interface RouteDocument {
  schema: object;
  url: string;
  route: { method: string | string[]; config?: { errorStatuses?: readonly number[] } };
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The statuses `document`'s route can answer with an error body. */
export function errorStatuses({ schema, url, route }: RouteDocument): number[] {
  const statuses = new Set([400, 404, 500]);
  if (url.startsWith('/v1/') || url === '/readyz') statuses.add(503);
  if ('security' in schema && schema.security !== undefined) statuses.add(401);
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (methods.some((method) => BODY_METHODS.has(method))) {
    statuses.add(413);
    statuses.add(415);
  }
  for (const status of route.config?.errorStatuses ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

/** The JSON Schema of the error body at `status`, its codes enumerated. */
export function errorResponseSchema(status: number, codes: readonly string[]): Record<string, unknown> {
  return {
    description: `Error: ${codes.join(', ')}`,
    type: 'object',
    required: ['statusCode', 'code', 'error', 'message'],
    additionalProperties: false,
    properties: {
      statusCode: { type: 'integer', enum: [status] },
      code: { type: 'string', enum: [...codes] },
      error: { type: 'string' },
      message: { type: 'string' },
    },
  };
}

/** Wraps the schema transform of @fastify/swagger so that each visible route documents its error answers. */
export function withErrorAnswers<S extends FastifySchema>(transform: SwaggerTransform<S>): SwaggerTransform<S> {
  const byStatus = codesByStatus();
  return (document) => {
    const result = transform(document);
    const schema = result.schema as FastifySchema & { hide?: boolean; response?: Record<string, unknown> };
    if (!schema || schema.hide) return result;
    const response = { ...schema.response };
    // A route that documents no answer of its own still succeeds: say so, or the error answers would be all.
    if (!Object.keys(response).some((status) => status.startsWith('2'))) response[200] = { description: 'Success' };
    for (const status of errorStatuses(document)) {
      const codes = byStatus.get(status);
      if (codes && !(status in response)) response[status] = errorResponseSchema(status, codes);
    }
    return { ...result, schema: { ...schema, response } };
  };
}
