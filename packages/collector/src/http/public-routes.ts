/**
 * The public ingest API, defined once: each route's method, path, schemas and handler. The Fastify app
 * (routes/public-api.ts) and the fetch handler (fetch.ts) both serve these definitions and differ only in
 * how they validate, apply CORS and send, so the two faces cannot drift apart.
 */
import { DisplaySchema, ProjectKeySchema, PublicSurveysQuerySchema, SubmissionSchema } from '@heed/shared';
import { z } from 'zod';
import { ingestSubmission, recordDisplay, seenBy, type IngestDeps } from '../domain/ingest.ts';
import { assertOriginAllowed, type OriginSets } from './origin-policy.ts';
import { SURVEYS_CACHE_CONTROL, etagMatches, withSeen, type PublicSurveysLookup } from './public-surveys.ts';

/** What a handler reads of a request, its parts already validated against the route's schemas. */
export interface PublicRequest<P = unknown, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
  header(name: string): string | undefined;
}

/** What a handler answers: a status, headers and a JSON text (none for 304). */
export interface PublicAnswer {
  status: number;
  headers: Record<string, string>;
  json?: string;
}

export interface PublicRouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response?: Record<number, z.ZodType>;
}

export interface PublicRoute {
  method: 'GET' | 'POST';
  /** `:name` parameters, the syntax both Fastify and Hono read. */
  path: string;
  schema: PublicRouteSchema;
  /** Error statuses beyond those every route can answer (documented in /openapi.json). */
  errorStatuses: readonly number[];
  handle(request: PublicRequest): Promise<PublicAnswer>;
}

/** What the handlers need, built once when a face starts. */
export interface PublicRouteContext {
  deps: IngestDeps;
  origins: OriginSets;
  surveys: PublicSurveysLookup;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const IngestResultBody = z.object({ id: z.string(), duplicate: z.boolean() });
const SurveysParams = z.object({ key: ProjectKeySchema });

/** One typed definition; the faces call `handle` only with parts that passed the schemas. */
function define<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(route: {
  method: PublicRoute['method'];
  path: string;
  schema: { params?: P; querystring?: Q; body?: B; response?: Record<number, z.ZodType> };
  errorStatuses?: readonly number[];
  handle(request: PublicRequest<z.output<P>, z.output<Q>, z.output<B>>): Promise<PublicAnswer>;
}): PublicRoute {
  return { errorStatuses: [], ...route, handle: route.handle as PublicRoute['handle'] };
}

const ingestAnswer = (result: { id: string; duplicate: boolean }): PublicAnswer => ({
  status: result.duplicate ? 200 : 202,
  headers: { 'Content-Type': JSON_TYPE },
  json: JSON.stringify(result),
});

export function publicRoutes({ deps, origins, surveys }: PublicRouteContext): PublicRoute[] {
  return [
    define({
      method: 'GET',
      path: '/v1/projects/:key/surveys',
      schema: { params: SurveysParams, querystring: PublicSurveysQuerySchema },
      async handle({ params: { key }, query: { userId, anonymousId }, header }) {
        const project = surveys(key); // an unknown project is a 404 before any store read
        const seen = userId || anonymousId ? await seenBy(deps, key, { userId, anonymousId }) : undefined;
        const { json: payload, etag } = seen ? withSeen(project, seen) : project;
        const headers = { ETag: etag, 'Cache-Control': SURVEYS_CACHE_CONTROL };
        if (etagMatches(header('if-none-match'), etag)) return { status: 304, headers };
        return { status: 200, headers: { ...headers, 'Content-Type': JSON_TYPE }, json: payload };
      },
    }),
    define({
      method: 'POST',
      path: '/v1/responses',
      schema: { body: SubmissionSchema, response: { 200: IngestResultBody, 202: IngestResultBody } },
      errorStatuses: [403, 409],
      async handle({ body, header }) {
        assertOriginAllowed(origins, body.projectKey, header('origin'), header('host'));
        return ingestAnswer(await ingestSubmission(deps, body));
      },
    }),
    define({
      method: 'POST',
      path: '/v1/displays',
      schema: { body: DisplaySchema, response: { 200: IngestResultBody, 202: IngestResultBody } },
      errorStatuses: [403, 409],
      async handle({ body, header }) {
        assertOriginAllowed(origins, body.projectKey, header('origin'), header('host'));
        return ingestAnswer(await recordDisplay(deps, body));
      },
    }),
  ];
}

/** The survey list shares its answer with its own project's origins only (a preflight names no project). */
export const SURVEYS_PATH = '/v1/projects/:key/surveys';
