/**
 * One collection of the embedded engine. NeDB loads the datafile (and compacts it) at open; the documents
 * are then held in memory with their unique indexes (embedded-documents.ts), and mingo evaluates every
 * filter and pipeline, so the domain's MongoDB dialect means the same here as on MongoDB.
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
import { assertStorable, copyValue, EmbeddedDocuments, storableCopy, type Doc } from './embedded-documents.ts';
import { createInsertBatcher, type InsertBatcher, type InsertOutcome } from './insert-batcher.ts';
import { Journal } from './journal.ts';
import { createMutex, type Mutex } from './mutex.ts';
import type { Collection, Filter, FindOptions, IndexSpec, Pipeline, Sort, Update } from './store.ts';
import { applyUpdate, upsertDocument } from './update-document.ts';

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
  readonly #documents: EmbeddedDocuments;
  readonly #journal: Journal;
  readonly #indexes: IndexSpec[];
  /** Fields whose equality NeDB can answer from an index: `_id` and single-field unique keys. */
  readonly #lookupFields: string[];
  readonly #mutex: Mutex = createMutex();
  readonly #batcher: InsertBatcher<Doc>;
  #closed = false;

  private constructor(options: EmbeddedCollectionOptions, documents: EmbeddedDocuments, journal: Journal) {
    this.name = options.name;
    this.#filename = options.filename;
    this.#documents = documents;
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
    const documents = new EmbeddedDocuments(options.indexes);
    for (const doc of file.getAllData()) {
      if (!documents.insert(doc)) throw new Error(`${options.filename} holds two documents with one unique key (_id "${doc._id}")`);
    }
    return new EmbeddedCollection<T>(options, documents, await Journal.open(options.filename));
  }

  async insertOne(doc: T): Promise<{ inserted: boolean }> {
    this.#assertOpen();
    return { inserted: await this.#batcher.insert(storableCopy(doc) as unknown as Doc) };
  }

  async insertMany(docs: T[]): Promise<{ insertedIds: string[] }> {
    this.#assertOpen();
    const copies = docs.map((doc) => storableCopy(doc) as unknown as Doc);
    const inserted = await Promise.all(copies.map((doc) => this.#batcher.insert(doc)));
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
      for (const id of ids) this.#documents.delete(id);
      return { result: { deleted: ids.length }, durable: this.#journal.append(ids.map(deletionLine)) };
    });
  }

  async aggregate<R = Record<string, unknown>>(pipeline: Pipeline): Promise<R[]> {
    this.#assertOpen();
    // A leading $match is answered like a find (index lookups included); mingo may modify the documents
    // it is given, so it only ever sees copies.
    const [first, ...rest] = pipeline;
    const leadingMatch = first && Object.keys(first).length === 1 ? (first.$match as Filter | undefined) : undefined;
    const source = leadingMatch ? await this.#matching(leadingMatch) : this.#documents.all();
    return aggregate(
      source.map((doc) => copyValue(doc)),
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
      this.#journal.replaceFile(() => rewriteDatafile(this.#filename, this.#documents.all().map(documentLine))),
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

  /** Matching documents, sorted and sliced. These are the stored objects: copy before handing out. */
  async #matching(filter: Filter, options: FindOptions = {}): Promise<Doc[]> {
    const lookup = indexLookup(filter, this.#lookupFields);
    const candidates = lookup ? this.#documents.lookup(lookup.field, lookup.values) : this.#documents.all();
    // A filter that is nothing but that index condition is answered exactly by the lookup.
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
    assertStorable(created);
    if (!this.#documents.insert(created)) throw new DuplicateKeyError(this.name);
    return { result: { doc: created, upserted: true }, durable: this.#journal.append([documentLine(created)]) };
  }

  /**
   * Stores a new version of one document with `update` applied; that version, or undefined when nothing
   * changed. A new version that would take another document's unique key is refused. The versions share
   * what the update did not change (applyUpdate copies what it changes), so only that is checked.
   */
  async #replace(current: Doc, update: Update): Promise<Doc | undefined> {
    const next = { ...current };
    const changed = applyUpdate(next, update, false);
    if (changed.length === 0) return undefined;
    for (const path of changed) {
      const [field] = path.split('.') as [string];
      assertStorable(next[field], `${field}.`);
    }
    if (!this.#documents.replace(next)) throw new DuplicateKeyError(this.name);
    return next;
  }

  async #insertBatch(docs: Doc[]): Promise<InsertOutcome[]> {
    const { result, durable } = await this.#mutex(async () => {
      const outcomes = docs.map((doc): InsertOutcome => (this.#documents.insert(doc) ? 'inserted' : 'duplicate'));
      const lines = docs.filter((_, index) => outcomes[index] === 'inserted').map(documentLine);
      return { result: outcomes, durable: this.#journal.append(lines) };
    });
    await durable;
    return result;
  }
}

function copy<T>(doc: Doc): T {
  return copyValue(doc) as unknown as T;
}

/**
 * An index lookup (`_id` or a single-field unique key, compared to strings or numbers) that finds a
 * superset of what `filter` matches; mingo then applies the whole filter to what it returns.
 */
function indexLookup(filter: Filter, fields: string[]): { field: string; values: unknown[] } | undefined {
  for (const field of fields) {
    const condition = filter[field];
    if (isKey(condition)) return { field, values: [condition] };
    if (condition !== null && typeof condition === 'object' && Object.keys(condition).length === 1) {
      const { $eq, $in } = condition as { $eq?: unknown; $in?: unknown };
      if (isKey($eq)) return { field, values: [$eq] };
      if (Array.isArray($in) && $in.every(isKey)) return { field, values: [...new Set($in)] };
    }
  }
  return undefined;
}

function isKey(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}
