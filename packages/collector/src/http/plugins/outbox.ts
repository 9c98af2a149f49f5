/**
 * The alert outbox worker, started with the app and stopped when it closes (before the caller closes the
 * store). `app.outbox.runOnce()` delivers what is due right now, which tests use instead of waiting.
 */
import fp from 'fastify-plugin';
import { startOutbox, type Outbox } from '../../domain/outbox.ts';
import type { Mailer } from '../../notify/email.ts';

declare module 'fastify' {
  interface FastifyInstance {
    outbox: Outbox;
  }
}

export interface OutboxPluginOptions {
  fetch: typeof globalThis.fetch;
  workerId: string;
  pollMs?: number;
  mailer?: Mailer;
}

export default fp<OutboxPluginOptions>(
  async (app, { fetch, workerId, pollMs, mailer }) => {
    const outbox = startOutbox({
      store: app.store,
      config: app.heedConfig,
      clock: app.clock,
      fetch,
      workerId,
      pollMs,
      mailer,
      onError: (error) => app.log.error({ err: error }, 'alert outbox'),
    });
    app.decorate('outbox', outbox);
    app.addHook('onClose', async () => outbox.stop());
  },
  { name: 'heed-outbox', fastify: '5.x', dependencies: ['heed-store'] },
);
