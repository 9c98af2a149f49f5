/**
 * The weekly digest scheduler, started with the app and stopped when it closes. Digests are claimed under
 * leases in the store, so any number of collectors can run it; each digest goes out once, on the services'
 * channels, and every failed attempt is logged as a warning.
 */
import fp from 'fastify-plugin';
import { startDigestScheduler, type DigestScheduler } from '../../domain/digest-scheduler.ts';

declare module 'fastify' {
  interface FastifyInstance {
    digest: DigestScheduler;
  }
}

export interface DigestPluginOptions {
  workerId: string;
  intervalMs?: number;
}

export default fp<DigestPluginOptions>(
  async (app, { workerId, intervalMs }) => {
    const { store, clock, channels } = app.services;
    const digest = startDigestScheduler({
      store,
      // Read at each use: owners and their channels are edited live (domain/settings.ts).
      get config() {
        return app.services.config;
      },
      clock,
      channels,
      workerId,
      ...(intervalMs !== undefined && { intervalMs }),
      log: app.log,
    });
    app.decorate('digest', digest);
    app.addHook('onClose', async () => digest.stop());
  },
  { name: 'heed-digest', fastify: '5.x', dependencies: ['heed-store'] },
);
