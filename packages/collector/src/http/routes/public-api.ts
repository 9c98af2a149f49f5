/**
 * The public ingest API the widget calls from customers' pages, as Fastify routes: the definitions in
 * public-routes.ts (shared with the fetch handler), validated by their zod schemas.
 * CORS: a project's `allowedOrigins` only. A preflight names no project, so it is answered for the origins
 * any project allows; the survey list is shared with its project's origins only, and a cross-origin write
 * to a project that does not allow its origin is refused (403).
 */
import cors from '@fastify/cors';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { FastifyPluginAsync } from 'fastify';
import type { IngestDeps } from '../../domain/ingest.ts';
import { originSets } from '../origin-policy.ts';
import { publicRoutes, SURVEYS_PATH, type PublicRequest } from '../public-routes.ts';
import { livePublicSurveysLookup } from '../public-surveys.ts';

export interface PublicApiOptions {
  /** Whether email alerts can be sent (an SMTP mailer is configured). */
  email: boolean;
}

/**
 * The ingest routes answer with JSON text their handler built, sent as it is: parsing it again on the way
 * out (the zod serializer) costs more than the rest of the reply. The response schemas still document it.
 */
const asBuilt = () => (payload: unknown) => (typeof payload === 'string' ? payload : JSON.stringify(payload));

const asPublicRequest = (request: FastifyRequest): PublicRequest => ({
  params: request.params,
  query: request.query,
  body: request.body,
  header: (name) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  },
});

export const publicApiRoutes: FastifyPluginAsync<PublicApiOptions> = async (app, { email }) => {
  // Projects and their origins come from the file alone; surveys are the effective ones, read per request.
  const config = app.heedConfig;
  const { store, clock, channelSettings, settings } = app.services;
  const deps: IngestDeps = {
    store,
    get config() {
      return settings.config;
    },
    clock,
    channels: channelSettings,
  };
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

  for (const route of publicRoutes({ deps, origins, surveys: livePublicSurveysLookup(() => settings.config) })) {
    app.route({
      method: route.method,
      url: route.path,
      schema: route.schema,
      config: { errorStatuses: route.errorStatuses },
      serializerCompiler: asBuilt,
      // Every page view and answer of every product would be two log lines: these routes log failures only.
      logLevel: 'warn',
      ...(route.path === SURVEYS_PATH ? { onRequest: withholdFromOtherProjects } : {}),
      handler: async (request, reply) => {
        const answer = await route.handle(asPublicRequest(request));
        reply.status(answer.status).headers(answer.headers);
        return reply.send(answer.json);
      },
    });
  }
};
