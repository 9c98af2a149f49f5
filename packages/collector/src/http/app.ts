/**
 * The collector as a Fastify app, built from options so tests build it with a real store and fakes of time
 * and network only. `server.ts` is what reads the environment and listens.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { HeedConfig } from '@heed/shared';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { systemClock, type Clock } from '../clock.ts';
import { wakeOnAlerts } from '../domain/outbox.ts';
import { notifyChannels } from '../notify/channels.ts';
import type { Mailer } from '../notify/email.ts';
import { fetchPost, httpPost } from '../notify/http-post.ts';
import type { Store } from '../store/store.ts';
import { DEFAULT_BODY_LIMIT } from './body-limit.ts';
import { withErrorAnswers } from './openapi-errors.ts';
import bodyParsers from './plugins/body-parsers.ts';
import digestPlugin from './plugins/digest.ts';
import followThroughPlugin from './plugins/follow-through.ts';
import errorHandling, { routerOptions } from './plugins/errors.ts';
import outboxPlugin from './plugins/outbox.ts';
import securityHeaders from './plugins/security-headers.ts';
import storePlugin from './plugins/store.ts';
import { adminRoutes } from './routes/admin.ts';
import { assetRoutes } from './routes/assets.ts';
import { consoleRoutes } from './routes/console.ts';
import { demoInboxRoutes } from './routes/demo-inbox.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { hostedPageRoutes } from './routes/hosted-page.ts';
import { intakeRoutes } from './routes/intake-routes.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { publicApiRoutes } from './routes/public-api.ts';
import { defaultWidgetDir, widgetRoutes } from './routes/widget.ts';

export interface AppOptions {
  config: HeedConfig;
  /** Owned by the caller: close it after `app.close()`. */
  store: Store;
  clock?: Clock;
  /**
   * Outbound HTTP through this `fetch` (alerts, digests, the team update, Slack's response URLs) instead of
   * the collector's own transport (node:http, see notify/http-post.ts).
   */
  fetch?: typeof globalThis.fetch;
  /** Enables the admin API; without it admin routes answer 401 HEED_ERR_ADMIN_DISABLED. */
  adminToken?: string;
  /** Enables email alerts. */
  mailer?: Mailer;
  logger?: boolean | object;
  /**
   * The alert outbox worker; `false`: none in this process (alerts stay pending). It runs as soon as a
   * request or worker here stores a due alert (`wake: false`: only on its poll and `runOnce`), and polls
   * every `pollMs` (1 s), backing off to `maxPollMs` (5 s) while there is nothing to send (domain/outbox.ts).
   */
  outbox?: false | { pollMs?: number; maxPollMs?: number; workerId?: string; leaseMs?: number; wake?: boolean };
  /** The weekly digest scheduler; `false`: none in this process. */
  digest?: false | { intervalMs?: number };
  /** Escalation and the weekly team update; `false`: neither in this process. */
  followThrough?: false | { intervalMs?: number };
  /** The widget build served at `/widget/`; defaults to the widget package's `dist`. */
  widgetDir?: string;
  /** How often survey settings edited on any collector are looked for, in ms (default 3000); `false`: never. */
  settingsPollMs?: number | false;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /**
   * Longest a client may take to send a whole request (headers and body), in ms; a slower one gets 408 and
   * its connection closed, so dribbled bodies cannot hold connections open. Checked every half of it.
   */
  requestTimeoutMs?: number;
}

/** Answers are a few KiB: 30 s is ample on the slowest network, and bounds what a slow client can hold. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
/**
 * Every schema is zod, compiled by the zod provider: Fastify's default compilers (ajv, fast-json-stringify)
 * would never be used, and given these they are not even loaded at start. (Fastify types its factories for
 * JSON schemas, hence the cast.)
 */
const zodCompilers = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as CompilersFactory;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, store, clock = systemClock, outbox = {}, digest = {} } = options;
  const fetch = options.fetch ?? globalThis.fetch;
  const post = options.fetch ? fetchPost(options.fetch) : httpPost;
  const email = options.mailer !== undefined;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    ...routerOptions, // errors the router meets answer like every other error
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Fastify turns Node's request timeout off unless given one.
    requestTimeout,
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.ceil(requestTimeout / 2) },
    schemaController: { compilersFactory: zodCompilers },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(securityHeaders);
  // Writes that store a due alert wake this process's outbox worker (set once it is registered).
  let wakeOutbox = (): void => undefined;
  await app.register(storePlugin, {
    store: outbox === false || outbox.wake === false ? store : wakeOnAlerts(store, () => wakeOutbox()),
    config,
    clock,
    channels: notifyChannels({ post, ...(options.mailer && { mailer: options.mailer }) }),
    settingsPollMs: options.settingsPollMs,
  });
  await app.register(errorHandling);
  await app.register(bodyParsers);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Heed collector', version: '1', description: 'Survey answers in, routed alerts out.' },
      components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } } },
    },
    transform: withErrorAnswers(jsonSchemaTransform), // and each route's error answers
  });
  if (outbox !== false) {
    await app.register(outboxPlugin, { workerId: outbox.workerId ?? workerId, pollMs: outbox.pollMs, maxPollMs: outbox.maxPollMs, leaseMs: outbox.leaseMs });
    wakeOutbox = () => app.outbox.wake();
  }
  if (digest !== false) {
    await app.register(digestPlugin, { workerId, intervalMs: digest.intervalMs });
  }
  if (options.followThrough !== false) {
    const every = options.followThrough?.intervalMs;
    await app.register(followThroughPlugin, { workerId, post, ...(options.mailer && { mailer: options.mailer }), ...(every !== undefined && { intervalMs: every }) });
  }

  await app.register(healthRoutes);
  await app.register(openapiRoutes);
  await app.register(publicApiRoutes, { email });
  await app.register(adminRoutes, { adminToken: options.adminToken, ...(options.mailer && { mailer: options.mailer }) });
  await app.register(intakeRoutes, { adminToken: options.adminToken, email, fetch });
  await app.register(widgetRoutes, { widgetDir: options.widgetDir ?? defaultWidgetDir() });
  await app.register(assetRoutes);
  await app.register(hostedPageRoutes);
  await app.register(consoleRoutes);
  if (config.demo) {
    await app.register(demoRoutes);
    await app.register(demoInboxRoutes);
  }
  return app;
}
