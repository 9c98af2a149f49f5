/**
 * The alert outbox worker, started with the app and stopped when it closes (before the caller closes the
 * store). It sends on the services' channels and logs every failed attempt as a warning. `app.outbox.runOnce()`
 * delivers what is due right now, which tests use instead of waiting; `app.outbox.wake()` runs the worker's
 * round now (app.ts calls it after each write that stored a due alert).
 */
import fp from 'fastify-plugin';
import { startOutbox, type Outbox } from '../../domain/outbox.ts';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: Outbox;
  }
}

export interface OutboxPluginOptions {
  workerId: string;
  pollMs?: number;
  maxPollMs?: number;
  leaseMs?: number;
}

export default fp<OutboxPluginOptions>(
  async (app, { workerId, pollMs, maxPollMs, leaseMs }) => {
    const { store, clock, channels } = app.services;
    const outbox = startOutbox({
      store,
      // Read at each use: owners and their channels are edited live (domain/settings.ts).
      get config() {
        return app.services.config;
      },
      clock,
      channels,
      workerId,
      ...(pollMs !== undefined && { pollMs }),
      ...(maxPollMs !== undefined && { maxPollMs }),
      ...(leaseMs !== undefined && { leaseMs }),
      log: app.log,
      onError: (error) => app.log.error({ err: error }, 'alert outbox'),
    });
    app.decorate('outbox', outbox);
    app.addHook('onClose', async () => outbox.stop());
  },
  { name: 'heed-outbox', fastify: '5.x', dependencies: ['heed-store'] },
);
