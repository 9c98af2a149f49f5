/**
 * The public ingest API the widget calls from customers' pages: survey definitions, answers, displays.
 * CORS: a project's `allowedOrigins` only. A preflight names no project, so it is answered for the origins
 * any project allows; the survey list is shared with its project's origins only, and a cross-origin write
 * to a project that does not allow its origin is refused (403).
 */
import cors from '@fastify/cors';
import { DisplaySchema, ProjectKeySchema, PublicSurveysQuerySchema, SubmissionSchema } from '@heed/shared';
import type { onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ingestSubmission, recordDisplay, seenBy, type IngestDeps } from '../../domain/ingest.ts';
import { assertOriginAllowed, originSets } from '../origin-policy.ts';
import { SURVEYS_CACHE_CONTROL, etagMatches, publicSurveys, strongEtag } from '../public-surveys.ts';

export interface PublicApiOptions {
  /** Whether email alerts can be sent (an SMTP mailer is configured). */
  email: boolean;
}

const IngestResultBody = z.object({ id: z.string(), duplicate: z.boolean() });
/**
 * The ingest routes answer with an IngestResult the domain built, so it is stringified as it is: parsing it
 * again on the way out (the zod serializer) costs more than the rest of the reply. The schema still
 * documents it.
 */
const ingestResultSerializer = () => (result: unknown) => JSON.stringify(result);

export const publicApiRoutes: FastifyPluginAsyncZod<PublicApiOptions> = async (app, { email }) => {
  const config = app.heedConfig;
  const deps: IngestDeps = { store: app.store, config, clock: app.clock, channels: { email }, effects: app.ingestEffects };
  const origins = originSets(config);

  // One decision for every route here, made once per request by a set lookup: an origin some project
  // allows (a preflight names no project). The survey list narrows it to its own project's origins; the
  // writes refuse other projects' origins in their handlers.
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && origins.anyProject.has(origin) ? origin : false),
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Content-Type'],
    maxAge: 600,
  });
  const withholdFromOtherProjects: onRequestHookHandler = (request, reply, done) => {
    const { origin } = request.headers;
    const { key } = request.params as { key: string };
    if (origin !== undefined && !origins.byProject.get(key)?.has(origin)) reply.removeHeader('Access-Control-Allow-Origin');
    done();
  };

  app.get(
    '/v1/projects/:key/surveys',
    { schema: { params: z.object({ key: ProjectKeySchema }), querystring: PublicSurveysQuerySchema }, onRequest: withholdFromOtherProjects },
    async (request, reply) => {
      const { key } = request.params;
      const { userId, anonymousId } = request.query;
      const surveys = publicSurveys(config, key); // an unknown project is a 404 before any store read
      const seen = userId || anonymousId ? await seenBy(deps, key, { userId, anonymousId }) : undefined;
      const payload = JSON.stringify(seen ? { ...surveys, seen } : surveys);
      const etag = strongEtag(payload);
      reply.header('ETag', etag).header('Cache-Control', SURVEYS_CACHE_CONTROL);
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(payload);
    },
  );

  app.post(
    '/v1/responses',
    { schema: { body: SubmissionSchema, response: { 200: IngestResultBody, 202: IngestResultBody } }, serializerCompiler: ingestResultSerializer },
    async (request, reply) => {
      assertOriginAllowed(config, request.body.projectKey, request.headers.origin, request.headers.host);
      const result = await ingestSubmission(deps, request.body);
      return reply.status(result.duplicate ? 200 : 202).send(result);
    },
  );

  app.post(
    '/v1/displays',
    { schema: { body: DisplaySchema, response: { 200: IngestResultBody, 202: IngestResultBody } }, serializerCompiler: ingestResultSerializer },
    async (request, reply) => {
      assertOriginAllowed(config, request.body.projectKey, request.headers.origin, request.headers.host);
      const result = await recordDisplay(deps, request.body);
      return reply.status(result.duplicate ? 200 : 202).send(result);
    },
  );
};
