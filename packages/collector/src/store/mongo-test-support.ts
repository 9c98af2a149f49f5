/** Test support for the Mongo adapter: a store on a database of its own, dropped afterwards. Not for production code. */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { openMongoStore, type MongoStoreOptions } from './mongo-store.ts';
import type { Store } from './store.ts';

export const mongoUri = (): string => inject('mongoUri');
export const onFerret = (): boolean => inject('mongoIsFerret');

export interface IsolatedMongoStore {
  store: Store;
  dbName: string;
  warnings: string[];
  /** A connection to the same database, for checking what is stored. */
  db: () => Promise<mongoose.Connection>;
  cleanup: () => Promise<void>;
}

export async function openIsolatedMongoStore(options: Partial<MongoStoreOptions> = {}): Promise<IsolatedMongoStore> {
  const uri = mongoUri();
  const dbName = `heed_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const warnings: string[] = [];
  const store = await openMongoStore({ uri, dbName, onWarning: (message) => warnings.push(message), ...options });
  let direct: mongoose.Connection | undefined;
  return {
    store,
    dbName,
    warnings,
    db: async () => (direct ??= await mongoose.createConnection(uri, { dbName, bufferCommands: false }).asPromise()),
    cleanup: async () => {
      await store.close();
      const admin = direct ?? (await mongoose.createConnection(uri, { dbName, bufferCommands: false }).asPromise());
      await admin.dropDatabase();
      await admin.close();
    },
  };
}
