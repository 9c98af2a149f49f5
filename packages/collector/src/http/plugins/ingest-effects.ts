/**
 * The queue that writes the alerts and rollup counts of acknowledged responses (domain/ingest-effects.ts).
 * Closing the app waits for it, before the caller closes the store. `app.ingestEffects.drain()` waits for
 * what has been queued so far, which tests use before reading alerts or reports.
 */
import fp from 'fastify-plugin';
import { createIngestEffects, type IngestEffects } from '../../domain/ingest-effects.ts';

declare module 'fastify' {
  interface FastifyInstance {
    ingestEffects: IngestEffects;
  }
}

export interface IngestEffectsPluginOptions {
  /** Whether email alerts can be sent (an SMTP mailer is configured). */
  email: boolean;
}

export default fp<IngestEffectsPluginOptions>(
  async (app, { email }) => {
    const effects = createIngestEffects(
      { store: app.store, config: app.heedConfig, clock: app.clock, channels: { email } },
      { onError: (error) => app.log.error({ err: error }, 'ingest effects (resumed once their claims expire)') },
    );
    app.decorate('ingestEffects', effects);
    app.addHook('onClose', async () => effects.drain());
  },
  { name: 'heed-ingest-effects', fastify: '5.x', dependencies: ['heed-store'] },
);
