/**
 * Test support: every store engine the domain must work on, each opened empty and removed afterwards.
 * SQLite (the embedded engine) always; the Mongo adapter on the test setup's wire-protocol server (`MONGODB_URI`, else
 * FerretDB 1.24). Not imported by production code.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { inject, it } from 'vitest';
import { openMongoStore } from '../store/mongo-store.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { FERRETDB_1_24_GAPS, type StoreCapability } from '../store/store-contract.ts';
import type { Store } from '../store/store.ts';
import { tempDir } from './test-support.ts';

export interface TestEngine {
  name: string;
  /** What the engine gets wrong or lacks (see store-contract.ts). */
  unsupported: readonly StoreCapability[];
  open(): Promise<{ store: Store; remove: () => Promise<void> }>;
}

export function testEngines(): TestEngine[] {
  const uri = inject('mongoUri');
  return [
    {
      name: 'sqlite',
      unsupported: [],
      async open() {
        const dir = await tempDir();
        const store = await openSqliteStore({ dataDir: dir.path });
        return { store, remove: dir.remove };
      },
    },
    {
      name: inject('mongoIsFerret') ? 'mongo on FerretDB 1.24' : 'mongo on MongoDB',
      unsupported: inject('mongoIsFerret') ? FERRETDB_1_24_GAPS : [],
      async open() {
        const dbName = `heed_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
        const store = await openMongoStore({ uri, dbName, onWarning: () => {} });
        const remove = async () => {
          const admin = await mongoose.createConnection(uri, { dbName, bufferCommands: false }).asPromise();
          await admin.dropDatabase();
          await admin.close();
        };
        return { store, remove };
      },
    },
  ];
}

/** A test that needs `capabilities`: run on engines that have them, skipped (saying why) on the others. */
export function itNeeds(engine: TestEngine, capabilities: readonly StoreCapability[], title: string, body: () => Promise<void>): void {
  const missing = capabilities.filter((capability) => engine.unsupported.includes(capability));
  if (missing.length === 0) it(title, body);
  else it.skip(`${title} [skipped: ${missing.join(', ')} not supported by ${engine.name}]`, body);
}
