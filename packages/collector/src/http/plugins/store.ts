/**
 * The collector's services, built once at start and decorated on the root instance: the store (whose
 * failures answer 503), the validated config and its catalog (lookups by key), the clock, and the channels
 * alerts and digests go out on. `app.store`, `app.heedConfig` and `app.clock` name the same services for
 * routes that need only one. The store is owned by whoever opened it (server.ts, a test): closing the app
 * does not close it, so the caller can close it after in-flight requests and the workers have finished.
 */
import type { HeedConfig } from '@heed/shared';
import fp from 'fastify-plugin';
import type { Clock } from '../../clock.ts';
import { catalogOf, type Catalog } from '../../domain/catalog.ts';
import { channelSettings, type ChannelAdapters } from '../../domain/channels.ts';
import type { ChannelSettings } from '../../domain/enqueue-alerts.ts';
import type { Store } from '../../store/store.ts';
import { reportStoreFailures } from '../store-failures.ts';

export interface Services {
  store: Store;
  config: HeedConfig;
  catalog: Catalog;
  clock: Clock;
  channels: ChannelAdapters;
  /** Which channels alerts are enqueued for (email only with an SMTP transport). */
  channelSettings: ChannelSettings;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    store: Store;
    heedConfig: HeedConfig;
    clock: Clock;
  }
}

export interface StorePluginOptions {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  channels: ChannelAdapters;
}

export default fp<StorePluginOptions>(
  async (app, { store, config, clock, channels }) => {
    const services: Services = {
      store: reportStoreFailures(store),
      config,
      catalog: catalogOf(config),
      clock,
      channels,
      channelSettings: channelSettings(channels),
    };
    app.decorate('services', services);
    app.decorate('store', services.store);
    app.decorate('heedConfig', config);
    app.decorate('clock', clock);
  },
  { name: 'heed-store', fastify: '5.x' },
);
