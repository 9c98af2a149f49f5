/**
 * One collection on MongoDB. Inserts go through the mongoose model: each document is cast and validated
 * against its schema first (a bad one rejects before anything is written), then inserts queued in the same
 * event-loop turn are written with one unordered `insertMany`. Reads, updates and pipelines are handed to
 * the driver verbatim (`Model.collection`), documents come back as plain objects: mongoose would cast the
 * domain's filters against the schema (a string compared to a Date field would silently become a Date),
 * and the MongoDB dialect must mean the same here as on the embedded engine.
 */
import { randomUUID } from 'node:crypto';
import { mongo, type Model } from 'mongoose';
import { DuplicateKeyError } from './duplicate-key-error.ts';
import { createInsertBatcher, type InsertBatcher, type InsertOutcome } from './insert-batcher.ts';
import type { Collection, Filter, FindOptions, Pipeline, Sort, Update } from './store.ts';

type Doc = mongo.Document;

/** A model registered from one of `mongoSchemas`. */
export type MongoModel = Model<Doc>;

const DUPLICATE_KEY = 11000;

export class MongoCollection<T extends { _id: string }> implements Collection<T> {
  readonly #model: MongoModel;
  readonly #batcher: InsertBatcher<Doc>;

  constructor(model: MongoModel) {
    this.#model = model;
    this.#batcher = createInsertBatcher((docs) => this.#writeBatch(docs));
  }

  get #native(): mongo.Collection {
    return this.#model.collection as unknown as mongo.Collection;
  }

  async insertOne(doc: T): Promise<{ inserted: boolean }> {
    const valid = await this.#validated(doc);
    return { inserted: await this.#batcher.insert(valid) };
  }

  async insertMany(docs: T[]): Promise<{ insertedIds: string[] }> {
    const valid = await Promise.all(docs.map((doc) => this.#validated(doc)));
    const inserted = await Promise.all(valid.map((doc) => this.#batcher.insert(doc)));
    return { insertedIds: docs.filter((_, index) => inserted[index]).map((doc) => doc._id) };
  }

  async findOne(filter: Filter, options: { sort?: Sort } = {}): Promise<T | null> {
    return (await this.#native.findOne(filter, definedOptions(options))) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return (await this.#native.find(filter, definedOptions(options)).toArray()) as unknown as T[];
  }

  count(filter: Filter): Promise<number> {
    return this.#native.countDocuments(filter);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<{ matched: number; upserted: boolean }> {
    const upsert = options.upsert ?? false;
    const result = await this.#write(upsert, () => this.#native.updateOne(filter, withStringId(filter, update, upsert), { upsert }));
    return { matched: result.matchedCount, upserted: result.upsertedCount > 0 };
  }

  async updateMany(filter: Filter, update: Update): Promise<{ matched: number }> {
    const result = await this.#write(false, () => this.#native.updateMany(filter, update));
    return { matched: result.matchedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { sort?: Sort; upsert?: boolean } = {}): Promise<T | null> {
    const upsert = options.upsert ?? false;
    const doc = await this.#write(upsert, () =>
      this.#native.findOneAndUpdate(filter, withStringId(filter, update, upsert), { ...definedOptions({ sort: options.sort }), upsert, returnDocument: 'after' }),
    );
    return doc as T | null;
  }

  async deleteMany(filter: Filter): Promise<{ deleted: number }> {
    return { deleted: (await this.#native.deleteMany(filter)).deletedCount };
  }

  async aggregate<R = Record<string, unknown>>(pipeline: Pipeline): Promise<R[]> {
    return (await this.#native.aggregate(pipeline).toArray()) as R[];
  }

  /** Writes queued inserts and waits for every batch still being written. */
  flush(): Promise<void> {
    return this.#batcher.flush();
  }

  /** The document as the schema casts it; rejects naming the field when it does not validate. */
  async #validated(doc: T): Promise<Doc> {
    const document = new this.#model(doc);
    await document.validate();
    return document.toObject({ flattenMaps: true, versionKey: false });
  }

  async #writeBatch(docs: Doc[]): Promise<InsertOutcome[]> {
    try {
      await this.#native.insertMany(docs, { ordered: false });
      return docs.map(() => 'inserted');
    } catch (error) {
      if (!(error instanceof mongo.MongoBulkWriteError) || error.writeConcernError) throw error;
      const failures = new Map([error.writeErrors].flat().map((failure) => [failure.index, failure]));
      return docs.map((_, index) => {
        const failure = failures.get(index);
        if (!failure) return 'inserted';
        return failure.code === DUPLICATE_KEY ? 'duplicate' : new Error(failure.errmsg ?? `insert failed with code ${failure.code}`);
      });
    }
  }

  /**
   * Runs an update, reporting a unique-index violation as DuplicateKeyError. Two upserts of one new key can
   * race and one then fails with a duplicate key; MongoDB advises retrying it once, and the retry matches
   * the document the other one inserted.
   */
  async #write<R>(upsert: boolean, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (!upsert) throw new DuplicateKeyError(this.#native.collectionName, { cause: error });
    }
    try {
      return await run();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      throw new DuplicateKeyError(this.#native.collectionName, { cause: error });
    }
  }
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === DUPLICATE_KEY;
}

/** Drops undefined options, which the driver would otherwise send as explicit values. */
function definedOptions<O extends object>(options: O): Partial<O> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<O>;
}

/**
 * An upsert whose filter names no `_id` would get an ObjectId from the server; Heed's ids are strings, so
 * the adapter supplies one (the embedded engine does the same).
 */
function withStringId(filter: Filter, update: Update, upsert: boolean): Update {
  if (!upsert || '_id' in filter) return update;
  const setOnInsert = update.$setOnInsert as Record<string, unknown> | undefined;
  if (setOnInsert && '_id' in setOnInsert) return update;
  return { ...update, $setOnInsert: { ...setOnInsert, _id: randomUUID() } };
}
