/**
 * The public ingest API as a Web-standard fetch handler (Hono), for runtimes without a Node server (edge
 * functions, workers) or to mount inside another app. Same routes, schemas, CORS policy, error shape and
 * status codes as the Fastify app: both serve the route definitions of http/public-routes.ts, and
 * `test/http-faces.test.ts` holds both to one table of requests. Surveys and routing edited in the console
 * reach it as they reach the collectors: it re-reads the settings version of the store, at most every
 * `settingsPollMs`, on the request that finds it due (no timer, so it suits runtimes that freeze between
 * requests).
 */
import type { ErrorBody, HeedConfig } from '@heed/shared';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { systemClock, type Clock } from './clock.ts';
import type { ChannelSettings } from './domain/enqueue-alerts.ts';
import type { IngestDeps } from './domain/ingest.ts';
import { DEFAULT_SETTINGS_POLL_MS, LiveSettings } from './domain/settings.ts';
import { errors } from './errors.ts';
import { DEFAULT_BODY_LIMIT } from './http/body-limit.ts';
import { errorBody } from './http/error-body.ts';
import { formatIssues } from './http/format-issues.ts';
import { parseJsonBody } from './http/json-body.ts';
import { originSets } from './http/origin-policy.ts';
import { publicRoutes, SURVEYS_PATH } from './http/public-routes.ts';
import { livePublicSurveysLookup } from './http/public-surveys.ts';
import { SECURITY_HEADERS } from './http/security-headers.ts';
import { reportStoreFailures } from './http/store-failures.ts';
import type { Store } from './store/store.ts';

export interface FetchHandlerOptions {
  config: HeedConfig;
  store: Store;
  clock?: Clock;
  /** Channels the alerts of this deployment's outbox can use (email only with SMTP). Default: no email. */
  channels?: ChannelSettings;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Receives errors answered with a 5xx (whose details are never sent). */
  onInternalError?: (error: unknown) => void;
  /** How long the settings read from the store are used before their version is looked at again. */
  settingsPollMs?: number;
  /** Told when reading the settings fails (the store is down); the last ones stay in use. */
  onSettingsError?: (error: unknown) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function createFetchHandler(options: FetchHandlerOptions): (request: Request) => Promise<Response> {
  const { config, clock = systemClock, channels, onInternalError = (error) => console.error(error) } = options;
  const store = reportStoreFailures(options.store);
  const settings = new LiveSettings({ file: config, settings: store.settings });
  const pollMs = options.settingsPollMs ?? DEFAULT_SETTINGS_POLL_MS;
  const onSettingsError = options.onSettingsError ?? ((error: unknown) => console.error('heed: reading the settings failed', error));
  let settingsReadAt = Number.NEGATIVE_INFINITY;
  const deps: IngestDeps = {
    store,
    get config() {
      return settings.config;
    },
    clock,
    channels,
  };
  const maxSize = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = new Hono();

  app.onError((error, c) => {
    const exception = error instanceof HTTPException ? error : httpException(error);
    if (exception.status >= 500) onInternalError(exception.cause ?? error);
    const response = exception.getResponse();
    return c.newResponse(response.body, response);
  });
  // Answered, not thrown: a throw here would pass the middleware below by and reach onError on its own.
  app.notFound((c) => httpException(errors.notFound(`${c.req.method} ${new URL(c.req.url).pathname}`)).getResponse());

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
  app.use(async (_c, next) => {
    if (performance.now() - settingsReadAt >= pollMs) {
      settingsReadAt = performance.now();
      await settings.refresh().catch(onSettingsError);
    }
    await next();
  });

  const origins = originSets(config);
  const preflightOrigins = [...origins.anyProject];
  app.use(SURVEYS_PATH, corsFor((c) => [...(origins.byProject.get(c.req.param('key') ?? '') ?? [])]));
  app.use('/v1/responses', corsFor(() => preflightOrigins));
  app.use('/v1/displays', corsFor(() => preflightOrigins));

  const limit = bodyLimit({ maxSize, onError: () => { throw httpException(errors.bodyTooLarge(maxSize)); } });

  for (const route of publicRoutes({ deps, origins, surveys: livePublicSurveysLookup(() => settings.config) })) {
    const { params, querystring, body } = route.schema;
    const handler = async (c: Context) => {
      const answer = await route.handle({
        params: params ? validate(params, c.req.param(), 'params') : {},
        query: querystring ? validate(querystring, c.req.query(), 'query') : {},
        body: body ? validate(body, await readJsonBody(c), 'body') : undefined,
        header: (name) => c.req.header(name),
      });
      return new Response(answer.json ?? null, { status: answer.status, headers: answer.headers });
    };
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, limit, handler);
  }

  return async (request) => app.fetch(request);
}

/** Any error as an HTTPException whose response is Heed's error body. */
function httpException(error: unknown): HTTPException {
  const body: ErrorBody = errorBody(error);
  const res = new Response(JSON.stringify(body), { status: body.statusCode, headers: { 'Content-Type': JSON_TYPE } });
  return new HTTPException(body.statusCode as ConstructorParameters<typeof HTTPException>[0], { res, cause: error });
}

/**
 * CORS for origins `allowed(c)` returns. A disallowed preflight is not answered as CORS at all (it falls
 * through to 404), as in the Fastify app.
 */
function corsFor(allowed: (c: Context) => readonly string[]): MiddlewareHandler {
  const handler = cors({
    origin: (origin, c) => (allowed(c).includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  });
  return async (c, next) => {
    const origin = c.req.header('origin');
    const isAllowed = origin !== undefined && allowed(c).includes(origin);
    if (c.req.method === 'OPTIONS' && !isAllowed) return next();
    return handler(c, next);
  };
}

/** Parses `value` or throws a 400 naming each bad field under `root`. */
function validate<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(formatIssues(result.error.issues, root).join('; '));
  return result.data;
}

/** A JSON body sent as application/json or text/plain (beacons); no body at all reads as `undefined`. */
async function readJsonBody(c: Context): Promise<unknown> {
  const contentType = c.req.header('content-type');
  const text = await c.req.text();
  if (contentType === undefined) {
    if (text.length === 0) return undefined;
    throw errors.unsupportedMediaType('');
  }
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json' && mediaType !== 'text/plain') throw errors.unsupportedMediaType(contentType);
  return parseJsonBody(text);
}
