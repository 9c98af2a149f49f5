/**
 * The embedded engine, Heed's zero-setup default: one NeDB datafile per collection under `dataDir`,
 * held in memory and queried with mingo (see embedded-collection.ts). A write is acknowledged once it is
 * appended to its datafile and fsynced. One process owns a data directory at a time (data-dir-lock.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { EmbeddedCollection } from './embedded-collection.ts';
import { INDEXES, type CollectionName, type Collections, type Store } from './store.ts';

export interface EmbeddedStoreOptions {
  /** Created when missing. */
  dataDir: string;
  /** How often datafiles drop expired documents (TTL indexes) and are compacted; default hourly. */
  maintainEveryMs?: number;
  clock?: Clock;
  /** Told when periodic maintenance fails (the store keeps working); default `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

type EmbeddedCollections = { [K in CollectionName]: EmbeddedCollection<Collections[K]> };

const COLLECTION_NAMES = Object.keys(INDEXES) as CollectionName[];

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const { dataDir, maintainEveryMs = 60 * 60_000, clock = systemClock, onWarning = (message) => process.emitWarning(message) } = options;
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir);
  const collections = {} as Record<CollectionName, EmbeddedCollection<{ _id: string }>>;
  try {
    for (const name of COLLECTION_NAMES) {
      collections[name] = await EmbeddedCollection.open({ name, filename: join(dataDir, `${name}.db`), indexes: INDEXES[name] });
    }
  } catch (error) {
    await lock.release();
    throw error;
  }
  const typed = collections as EmbeddedCollections;

  /** Drops documents past a TTL index; compacts when asked or when that removed anything. */
  async function maintain(compact: boolean): Promise<void> {
    for (const collection of Object.values(typed)) {
      const expired = await collection.expire(clock());
      if (compact || expired > 0) await collection.compact();
    }
  }
  await maintain(false); // NeDB compacted every datafile while loading it

  let maintaining: Promise<void> | undefined;
  const timer = setInterval(() => {
    maintaining ??= maintain(true)
      .catch((error: Error) => onWarning(`embedded store: periodic maintenance failed: ${error.message}`))
      .finally(() => (maintaining = undefined));
  }, maintainEveryMs);
  timer.unref();

  return {
    engine: 'embedded',
    collection: (name) => typed[name],
    async ping() {
      // In-process: answering means the collections are loaded and open.
      for (const collection of Object.values(typed)) await collection.count({ _id: '' });
    },
    async close() {
      clearInterval(timer);
      await maintaining;
      await Promise.all(Object.values(typed).map((collection) => collection.close()));
      await lock.release();
    },
  };
}
