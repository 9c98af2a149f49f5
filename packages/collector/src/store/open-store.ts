import { openMongoStore } from './mongo-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** `MONGODB_URI`: when set (non-empty), MongoDB is the engine. */
  mongoUri?: string;
  /** `HEED_DATA_DIR`: where the embedded engine keeps its database otherwise. */
  dataDir: string;
  /** Told about degraded features; default `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/** Opens the configured engine: MongoDB when a URI is given, else SQLite under `dataDir`. */
export function openStore({ mongoUri, dataDir, onWarning }: OpenStoreOptions): Promise<Store> {
  return mongoUri ? openMongoStore({ uri: mongoUri, onWarning }) : openSqliteStore({ dataDir });
}
