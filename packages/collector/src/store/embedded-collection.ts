/**
 * One collection of the embedded engine. NeDB loads the datafile (and compacts it) at open, then holds the
 * documents in memory with their unique indexes; mingo evaluates every filter, update and pipeline, so the
 * domain's MongoDB dialect means the same here as on MongoDB.
 *
 * Writes take the collection's mutex (so `findOneAndUpdate` is atomic within the process), change the
 * in-memory documents, queue their new state on the journal, and are acknowledged once the journal has
 * written and fsynced it. The journal writes whatever queued while it was busy in one append and one fsync
 * (group commit), and inserts queued in the same event-loop turn are inserted together.
 */
import Datastore from '@seald-io/nedb';
import { Query, aggregate } from 'mingo';
import { deletionLine, documentLine, rewriteDatafile, truncateTornTail } from './datafile.ts';
import { DuplicateKeyError } from './duplicate-key-error.ts';
import { createInsertBatcher, type InsertBatcher, type InsertOutcome } from './insert-batcher.ts';
import { Journal } from './journal.ts';
import { createMutex, type Mutex } from './mutex.ts';
import type { Collection, Filter, FindOptions, IndexSpec, Pipeline, Sort, Update } from './store.ts';
import { applyUpdate, upsertDocument } from './update-document.ts';

type Doc = { _id: string } & Record<string, unknown>;

export interface EmbeddedCollectionOptions {
  name: string;
  filename: string;
  indexes: IndexSpec[];
}

interface Written<R> {
  result: R;
  /** Resolves once the write is on disk; absent when nothing changed. */
  durable?: Promise<void>;
}

export class EmbeddedCollection<T extends { _id: string }> implements Collection<T> {
  readonly name: string;
  readonly #filename: string;
  readonly #datastore: Datastore<Doc>;
  readonly #journal: Journal;
  readonly #indexes: IndexSpec[];
  /** Fields whose equality NeDB can answer from an index: `_id` and single-field unique keys. */
  readonly #lookupFields: string[];
  readonly #mutex: Mutex = createMutex();
  readonly #batcher: InsertBatcher<Doc>;
  #closed = false;

  private constructor(options: EmbeddedCollectionOptions, datastore: Datastore<Doc>, journal: Journal) {
    this.name = options.name;
    this.#filename = options.filename;
    this.#datastore = datastore;
    this.#journal = journal;
    this.#indexes = options.indexes;
    this.#lookupFields = [
      '_id',
      ...options.indexes.filter((index) => index.unique && Object.keys(index.fields).length === 1).map((index) => Object.keys(index.fields)[0] as string),
    ];
    this.#batcher = createInsertBatcher((docs) => this.#insertBatch(docs));
  }

  /** Loads the datafile into memory, declaring the unique indexes, and opens it for appending. */
  static async open<T extends { _id: string }>(options: EmbeddedCollectionOptions): Promise<EmbeddedCollection<T>> {
    await truncateTornTail(options.filename);
    const file = new Datastore<Doc>({ filename: options.filename });
    await file.loadDatabaseAsync();
    const datastore = new Datastore<Doc>({ inMemoryOnly: true });
    for (const index of options.indexes) {
      if (!index.unique) continue;
      const fields = Object.keys(index.fields);
      await datastore.ensureIndexAsync({ fieldName: fields.length === 1 ? (fields[0] as string) : fields, unique: true });
    }
    await datastore.insertAsync(file.getAllData());
    return new EmbeddedCollection<T>(options, datastore, await Journal.open(options.filename));
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
    const { doc, upserted } = await this.#write(() => this.#updateFirst(filter, update, { upsert: options.upsert }));
    return { matched: doc && !upserted ? 1 : 0, upserted };
  }

  updateMany(filter: Filter, update: Update): Promise<{ matched: number }> {
    return this.#write(async () => {
      const docs = await this.#matching(filter);
      const lines: string[] = [];
      for (const doc of docs) {
        const next = await this.#replace(doc, update);
        if (next) lines.push(documentLine(next));
      }
      return { result: { matched: docs.length }, durable: this.#journal.append(lines) };
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { sort?: Sort; upsert?: boolean } = {}): Promise<T | null> {
    const { doc } = await this.#write(() => this.#updateFirst(filter, update, options));
    return doc ? copy<T>(doc) : null;
  }

  deleteMany(filter: Filter): Promise<{ deleted: number }> {
    return this.#write(async () => {
      const ids = (await this.#matching(filter)).map((doc) => doc._id);
      if (ids.length === 0) return { result: { deleted: 0 } };
      const deleted = await this.#datastore.removeAsync({ _id: { $in: ids } }, { multi: true });
      return { result: { deleted }, durable: this.#journal.append(ids.map(deletionLine)) };
    });
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

  /** Rewrites the datafile with only the live documents, crash-safely; writes wait meanwhile. */
  compact(): Promise<void> {
    this.#assertOpen();
    return this.#mutex(() =>
      this.#journal.replaceFile(() => rewriteDatafile(this.#filename, this.#datastore.getAllData().map(documentLine))),
    );
  }

  /** Refuses new calls, writes queued inserts, and waits until every accepted write is on disk. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#batcher.flush();
    await this.#mutex(async () => undefined);
    await this.#journal.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`the embedded store is closed (collection "${this.name}")`);
    if (this.#journal.failure) throw this.#journal.failure;
  }

  /** Runs a write under the mutex, then waits (outside it) until the write is durable. */
  async #write<R>(critical: () => Promise<Written<R>>): Promise<R> {
    this.#assertOpen();
    const { result, durable } = await this.#mutex(critical);
    await durable;
    return result;
  }

  /** Matching documents, sorted and sliced. These may be NeDB's own objects: copy before handing out. */
  async #matching(filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
    const lookup = indexLookup(filter, this.#lookupFields);
    const candidates = lookup ? await this.#datastore.findAsync(lookup) : this.#datastore.getAllData();
    // A filter that is nothing but that index condition is answered exactly by NeDB.
    if (lookup && Object.keys(filter).length === 1 && !options.sort && !options.skip) {
      return options.limit ? candidates.slice(0, options.limit) : candidates;
    }
    let cursor = new Query(filter).find<Doc>(candidates);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all();
  }

  /** Updates the first match (by `sort`), or inserts the upsert document. Caller holds the mutex. */
  async #updateFirst(
    filter: Filter,
    update: Update,
    options: { sort?: Sort; upsert?: boolean },
  ): Promise<Written<{ doc: Doc | null; upserted: boolean }>> {
    const [current] = await this.#matching(filter, { sort: options.sort, limit: 1 });
    if (current) {
      const next = await this.#replace(current, update);
      return { result: { doc: next ?? current, upserted: false }, durable: next && this.#journal.append([documentLine(next)]) };
    }
    if (!options.upsert) return { result: { doc: null, upserted: false } };
    const created = upsertDocument(filter, update) as Doc;
    await this.#unique(this.#datastore.insertAsync(created));
    return { result: { doc: created, upserted: true }, durable: this.#journal.append([documentLine(created)]) };
  }

  /** Applies `update` to one document in memory; its new state, or undefined when nothing changed. */
  async #replace(current: Doc, update: Update): Promise<Doc | undefined> {
    const next = structuredClone(current);
    if (applyUpdate(next, update, false).length === 0) return undefined;
    await this.#unique(this.#datastore.updateAsync({ _id: current._id }, next, {}));
    return next;
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

  async #insertBatch(docs: Doc[]): Promise<InsertOutcome[]> {
    const { result, durable } = await this.#mutex(async () => {
      const outcomes = await this.#insertAll(docs);
      const lines = docs.filter((_, index) => outcomes[index] === 'inserted').map(documentLine);
      return { result: outcomes, durable: this.#journal.append(lines) };
    });
    await durable;
    return result;
  }

  /** All documents in one NeDB insert; if NeDB refuses it (it then keeps none), one at a time. */
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
