/**
 * The collector's services, decorated once on the root instance: the store (whose failures answer 503),
 * the validated config and the clock. The store is owned by whoever opened it (server.ts, a test): closing the app does not close it,
 * so the caller can close it after in-flight requests and the outbox have finished.
 */
import type { HeedConfig } from '@heed/shared';
import fp from 'fastify-plugin';
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import { reportStoreFailures } from '../store-failures.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    heedConfig: HeedConfig;
    clock: Clock;
  }
}

export interface StorePluginOptions {
  store: Store;
  config: HeedConfig;
  clock: Clock;
}

export default fp<StorePluginOptions>(
  async (app, { store, config, clock }) => {
    app.decorate('store', reportStoreFailures(store));
    app.decorate('heedConfig', config);
    app.decorate('clock', clock);
  },
  { name: 'heed-store', fastify: '5.x' },
);
