import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** `MONGODB_URI`: when set (non-empty), MongoDB is the engine. */
  mongoUri?: string;
  /** `HEED_DATA_DIR`: where the embedded engine keeps its database otherwise. */
  dataDir: string;
  /** One writer fills the store in bulk (`pnpm seed`); the embedded engine then copies its log into the database less often and caches more pages. */
  bulk?: boolean;
  /** Told about degraded features; default `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/**
 * Opens the configured engine: MongoDB when a URI is given, else SQLite under `dataDir`. The MongoDB driver
 * is loaded only when it is the engine (loading it takes longer than opening the embedded store).
 */
export async function openStore({ mongoUri, dataDir, bulk, onWarning }: OpenStoreOptions): Promise<Store> {
  if (!mongoUri) return openSqliteStore({ dataDir, bulk });
  const { openMongoStore } = await import('./mongo-store.ts');
  return openMongoStore({ uri: mongoUri, onWarning });
}
