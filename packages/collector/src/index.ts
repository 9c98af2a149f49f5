/**
 * The collector as a library: build the Fastify app (or the fetch handler, `@heed/collector/fetch`) over a
 * store and a validated config, to embed it or to test across packages.
 */
export { buildApp, type AppOptions } from './http/app.ts';
export { createFetchHandler, type FetchHandlerOptions } from './fetch.ts';
export { loadConfig, parseConfig, ConfigError } from './config/load-config.ts';
export { openSqliteStore, type SqliteStoreOptions } from './store/sqlite-store.ts';
export { openStore, type OpenStoreOptions } from './store/open-store.ts';
export type { Store } from './store/store.ts';
export type { Clock } from './clock.ts';
