/**
 * One collection of the embedded engine: an @seald-io/nedb datastore keeps the documents (in memory, and
 * appended to its datafile) and enforces the unique indexes; mingo evaluates every filter, update and
 * pipeline, so the domain's MongoDB dialect means the same here as on MongoDB.
 *
 * Writes take the collection's mutex (so `findOneAndUpdate` is atomic within the process), append through
 * NeDB, then wait for an fsync of the datafile before they are acknowledged. Inserts queued in the same
 * event-loop turn are appended together; fsyncs requested together are shared.
 */
import Datastore from '@seald-io/nedb';
import { Query, aggregate } from 'mingo';
import { DuplicateKeyError } from './duplicate-key-error.ts';
import { createFileSyncer } from './file-syncer.ts';
import { createInsertBatcher, type InsertBatcher, type InsertOutcome } from './insert-batcher.ts';
import { createMutex, type Mutex } from './mutex.ts';
import type { Collection, Filter, FindOptions, IndexSpec, Pipeline, Sort, Update } from './store.ts';
import { applyUpdate, upsertDocument } from './update-document.ts';

type Doc = { _id: string } & Record<string, unknown>;

export interface EmbeddedCollectionOptions {
  name: string;
  filename: string;
  indexes: IndexSpec[];
}

export class EmbeddedCollection<T extends { _id: string }> implements Collection<T> {
  readonly name: string;
  readonly #datastore: Datastore<Doc>;
  readonly #indexes: IndexSpec[];
  /** Fields whose equality NeDB can answer from an index: `_id` and single-field unique keys. */
  readonly #lookupFields: string[];
  readonly #mutex: Mutex = createMutex();
  readonly #sync: () => Promise<void>;
  readonly #batcher: InsertBatcher<Doc>;
  #closed = false;

  private constructor(options: EmbeddedCollectionOptions, datastore: Datastore<Doc>) {
    this.name = options.name;
    this.#datastore = datastore;
    this.#indexes = options.indexes;
    this.#lookupFields = [
      '_id',
      ...options.indexes.filter((index) => index.unique && Object.keys(index.fields).length === 1).map((index) => Object.keys(index.fields)[0] as string),
    ];
    this.#sync = createFileSyncer(options.filename);
    this.#batcher = createInsertBatcher((docs) => this.#writeBatch(docs));
  }

  /** Loads the datafile (NeDB compacts it while loading) and declares the unique indexes. */
  static async open<T extends { _id: string }>(options: EmbeddedCollectionOptions): Promise<EmbeddedCollection<T>> {
    const datastore = new Datastore<Doc>({ filename: options.filename });
    await datastore.loadDatabaseAsync();
    for (const index of options.indexes) {
      if (!index.unique) continue;
      const fields = Object.keys(index.fields);
      await datastore.ensureIndexAsync({ fieldName: fields.length === 1 ? (fields[0] as string) : fields, unique: true });
    }
    return new EmbeddedCollection<T>(options, datastore);
  }

  async insertOne(doc: T): Promise<{ inserted: boolean }> {
    this.#assertOpen();
    return { inserted: await this.#batcher.insert(structuredClone(doc) as unknown as Doc) };
  }

  async insertMany(docs: T[]): Promise<{ insertedIds: string[] }> {
    this.#assertOpen();
    const inserted = await Promise.all(docs.map((doc) => this.#batcher.insert(structuredClone(doc) as unknown as Doc)));
    return { insertedIds: docs.filter((_, index) => inserted[index]).map((doc) => doc._id) };
  }

  async findOne(filter: Filter, options: { sort?: Sort } = {}): Promise<T | null> {
    this.#assertOpen();
    const [doc] = await this.#matching(filter, { ...options, limit: 1 });
    return doc ? copy<T>(doc) : null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.#assertOpen();
    return (await this.#matching(filter, options)).map((doc) => copy<T>(doc));
  }

  async count(filter: Filter): Promise<number> {
    this.#assertOpen();
    return (await this.#matching(filter)).length;
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<{ matched: number; upserted: boolean }> {
    const { doc, upserted, wrote } = await this.#updateFirst(filter, update, { upsert: options.upsert });
    if (wrote) await this.#sync();
    return { matched: doc && !upserted ? 1 : 0, upserted };
  }

  async updateMany(filter: Filter, update: Update): Promise<{ matched: number }> {
    this.#assertOpen();
    const { matched, wrote } = await this.#mutex(async () => {
      const docs = await this.#matching(filter);
      let changed = 0;
      for (const doc of docs) if (await this.#replace(doc, update)) changed += 1;
      return { matched: docs.length, wrote: changed > 0 };
    });
    if (wrote) await this.#sync();
    return { matched };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { sort?: Sort; upsert?: boolean } = {}): Promise<T | null> {
    const { doc, wrote } = await this.#updateFirst(filter, update, options);
    if (wrote) await this.#sync();
    return doc ? copy<T>(doc) : null;
  }

  async deleteMany(filter: Filter): Promise<{ deleted: number }> {
    this.#assertOpen();
    const deleted = await this.#mutex(async () => {
      const ids = (await this.#matching(filter)).map((doc) => doc._id);
      if (ids.length === 0) return 0;
      return this.#datastore.removeAsync({ _id: { $in: ids } }, { multi: true });
    });
    if (deleted > 0) await this.#sync();
    return { deleted };
  }

  async aggregate<R = Record<string, unknown>>(pipeline: Pipeline): Promise<R[]> {
    this.#assertOpen();
    // A leading $match is answered like a find (index lookups included); mingo may modify the documents
    // it is given, so it only ever sees copies.
    const [first, ...rest] = pipeline;
    const leadingMatch = first && Object.keys(first).length === 1 ? (first.$match as Filter | undefined) : undefined;
    const source = leadingMatch ? await this.#matching(leadingMatch) : this.#datastore.getAllData();
    return aggregate(
      source.map((doc) => structuredClone(doc)),
      leadingMatch ? rest : pipeline,
    ) as R[];
  }

  /** Deletes the documents a TTL index has expired as of `now`; returns how many. */
  async expire(now: Date): Promise<number> {
    let expired = 0;
    for (const index of this.#indexes) {
      const [field] = Object.keys(index.fields);
      if (index.expireAfterSeconds === undefined || field === undefined) continue;
      const cutoff = new Date(now.getTime() - index.expireAfterSeconds * 1000);
      expired += (await this.deleteMany({ [field]: { $lt: cutoff } })).deleted;
    }
    return expired;
  }

  /** Rewrites the datafile with only the live documents (NeDB's compaction, crash-safe). */
  async compact(): Promise<void> {
    this.#assertOpen();
    await this.#datastore.compactDatafileAsync();
  }

  /** Refuses new calls, writes queued inserts, waits for every write in progress and for its fsync. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#batcher.flush();
    await this.#mutex(async () => undefined);
    await this.#sync();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`the embedded store is closed (collection "${this.name}")`);
  }

  /** Matching documents, sorted and sliced. These may be NeDB's own objects: copy before handing out. */
  async #matching(filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
    const query = new Query(filter);
    const lookup = indexLookup(filter, this.#lookupFields);
    const candidates = lookup ? await this.#datastore.findAsync(lookup) : this.#datastore.getAllData();
    let cursor = query.find<Doc>(candidates);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all();
  }

  /** Updates the first match (by `sort`), or inserts the upsert document; under the mutex. */
  #updateFirst(
    filter: Filter,
    update: Update,
    options: { sort?: Sort; upsert?: boolean },
  ): Promise<{ doc: Doc | null; upserted: boolean; wrote: boolean }> {
    this.#assertOpen();
    return this.#mutex(async () => {
      const [current] = await this.#matching(filter, { sort: options.sort, limit: 1 });
      if (current) {
        const next = structuredClone(current);
        const changed = applyUpdate(next, update, false).length > 0;
        if (changed) await this.#unique(this.#datastore.updateAsync({ _id: current._id }, next, {}));
        return { doc: next, upserted: false, wrote: changed };
      }
      if (!options.upsert) return { doc: null, upserted: false, wrote: false };
      const created = upsertDocument(filter, update) as Doc;
      await this.#unique(this.#datastore.insertAsync(created));
      return { doc: created, upserted: true, wrote: true };
    });
  }

  /** Applies `update` to one matched document; false when it changed nothing. Caller holds the mutex. */
  async #replace(current: Doc, update: Update): Promise<boolean> {
    const next = structuredClone(current);
    if (applyUpdate(next, update, false).length === 0) return false;
    await this.#unique(this.#datastore.updateAsync({ _id: current._id }, next, {}));
    return true;
  }

  /** Reports a unique-index violation of an update or upsert as a DuplicateKeyError. */
  async #unique(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateKeyError(this.name, { cause: error });
      throw error;
    }
  }

  async #writeBatch(docs: Doc[]): Promise<InsertOutcome[]> {
    const outcomes = await this.#mutex(() => this.#insertAll(docs));
    if (outcomes.includes('inserted')) await this.#sync();
    return outcomes;
  }

  /** One append for the whole batch; if NeDB refuses it (it then stores none), one document at a time. */
  async #insertAll(docs: Doc[]): Promise<InsertOutcome[]> {
    try {
      await this.#datastore.insertAsync(docs);
      return docs.map(() => 'inserted');
    } catch (error) {
      if (docs.length === 1) return [outcomeOf(error)];
      const outcomes: InsertOutcome[] = [];
      for (const doc of docs) {
        outcomes.push(await this.#datastore.insertAsync(doc).then(() => 'inserted' as const, outcomeOf));
      }
      return outcomes;
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { errorType?: unknown } | null)?.errorType === 'uniqueViolated';
}

function outcomeOf(error: unknown): InsertOutcome {
  if (isUniqueViolation(error)) return 'duplicate';
  return error instanceof Error ? error : new Error(String(error));
}

function copy<T>(doc: Doc): T {
  return structuredClone(doc) as unknown as T;
}

/**
 * A narrower NeDB query that uses an index (`_id` or a unique key compared to strings or numbers) and
 * matches a superset of `filter`; mingo then applies the whole filter to what it returns.
 */
function indexLookup(filter: Filter, fields: string[]): Filter | undefined {
  for (const field of fields) {
    const condition = filter[field];
    if (isKey(condition)) return { [field]: condition };
    if (condition !== null && typeof condition === 'object' && Object.keys(condition).length === 1) {
      const { $eq, $in } = condition as { $eq?: unknown; $in?: unknown };
      if (isKey($eq)) return { [field]: $eq };
      if (Array.isArray($in) && $in.every(isKey)) return { [field]: { $in } };
    }
  }
  return undefined;
}

function isKey(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}
