/**
 * The collector's services, built once at start and decorated on the root instance: the store (whose
 * failures answer 503), the validated config and its catalog (lookups by key), the clock, and the channels
 * alerts and digests go out on. `app.store`, `app.heedConfig` and `app.clock` name the same services for
 * routes that need only one. `config` and `catalog` are the effective ones (the file's config with the
 * survey settings stored from the console, domain/settings.ts), re-read when the settings change. The store is owned by whoever opened it (server.ts, a test): closing the app
 * does not close it, so the caller can close it after in-flight requests and the workers have finished.
 */
import type { HeedConfig } from '@heed/shared';
import fp from 'fastify-plugin';
import type { Clock } from '../../clock.ts';
import { catalogOf, type Catalog } from '../../domain/catalog.ts';
import { channelSettings, type ChannelAdapters } from '../../domain/channels.ts';
import type { ChannelSettings } from '../../domain/enqueue-alerts.ts';
import { LiveSettings } from '../../domain/settings.ts';
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
  /** The survey settings edited live and the effective config they make. */
  settings: LiveSettings;
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
  /** How often the settings version is polled; `false`: only at start and after a change made here. */
  settingsPollMs?: number | false;
}

export default fp<StorePluginOptions>(
  async (app, { store, config, clock, channels, settingsPollMs }) => {
    const guardedStore = reportStoreFailures(store);
    const settings = new LiveSettings({
      file: config,
      settings: guardedStore.settings,
      onPollError: (error) => app.log.warn({ err: error }, 'reading the survey settings failed; the last ones stay in use'),
    });
    try {
      await settings.refresh();
    } catch (error) {
      app.log.warn({ err: error }, 'reading the survey settings failed; serving the config file alone until the store answers');
    }
    if (settingsPollMs !== false) settings.start(settingsPollMs);
    app.addHook('onClose', async () => settings.stop());
    const services: Services = {
      store: guardedStore,
      get config() {
        return settings.config;
      },
      get catalog() {
        return catalogOf(settings.config);
      },
      clock,
      channels,
      channelSettings: channelSettings(channels),
      settings,
    };
    app.decorate('services', services);
    app.decorate('store', services.store);
    app.decorate('heedConfig', { getter: () => settings.config });
    app.decorate('clock', clock);
  },
  { name: 'heed-store', fastify: '5.x' },
);
