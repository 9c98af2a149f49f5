/**
 * The weekly digest scheduler, started with the app and stopped when it closes. Digests are claimed under
 * leases in the store, so any number of collectors can run it; each digest goes out once.
 */
import fp from 'fastify-plugin';
import { startDigestScheduler, type DigestScheduler } from '../../domain/digest-scheduler.ts';
import type { Mailer } from '../../notify/email.ts';

declare module 'fastify' {
  interface FastifyInstance {
    digest: DigestScheduler;
  }
}

export interface DigestPluginOptions {
  fetch: typeof globalThis.fetch;
  workerId: string;
  intervalMs?: number;
  mailer?: Mailer;
}

export default fp<DigestPluginOptions>(
  async (app, { fetch, workerId, intervalMs, mailer }) => {
    const digest = startDigestScheduler({
      store: app.store,
      config: app.heedConfig,
      clock: app.clock,
      fetch,
      mailer,
      workerId,
      intervalMs,
      log: app.log,
    });
    app.decorate('digest', digest);
    app.addHook('onClose', async () => digest.stop());
  },
  { name: 'heed-digest', fastify: '5.x', dependencies: ['heed-store'] },
);
