/**
 * What every Mongo repository shares: the models, whether the deployment runs multi-document transactions
 * (a replica set or a sharded cluster; a standalone server or FerretDB does not, and the claim protocol of
 * `mongo-effects.ts` stands in), and the small helpers the writes need.
 */
import { randomUUID } from 'node:crypto';
import { mongo, type Connection, type Model } from 'mongoose';
import type { ZodType } from 'zod';
import type { MongoModels } from './mongo-models.ts';

export interface MongoContext {
  connection: Connection;
  models: MongoModels;
  /** Multi-document transactions are available: an answer and its effects commit together. */
  transactions: boolean;
  /** How long a writer holds the effects of an answer before another may complete them. */
  claimMs: number;
  newToken: () => string;
}

export function createContext(connection: Connection, models: MongoModels, transactions: boolean, claimMs: number): MongoContext {
  return { connection, models, transactions, claimMs, newToken: randomUUID };
}

/** The driver's collection behind a model: filters and updates go verbatim, never cast by mongoose. */
export function native(model: Model<mongo.Document>): mongo.Collection {
  return model.collection as unknown as mongo.Collection;
}

/**
 * The document in the model's storage types, once `schema` (its shared zod schema, strict) has checked the
 * value it stores: an unknown field or a bad value throws, naming its path, before anything is written.
 * (Zod and `castObject` take a fraction of what a mongoose document's `validate()` costs per answer.)
 */
export function storable(model: Model<mongo.Document>, doc: mongo.Document, checked?: { value: unknown; schema: ZodType }): mongo.Document {
  if (checked) checked.schema.parse(checked.value);
  return model.castObject(doc) as mongo.Document;
}

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === 11000;
}

/**
 * Inserts documents, keeping those already stored under a unique key; answers how many were new. Not for a
 * transaction, which a duplicate would abort.
 */
export async function insertNew(collection: mongo.Collection, docs: mongo.Document[], session?: mongo.ClientSession): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    return (await collection.insertMany(docs, { ordered: false, ...(session && { session }) })).insertedCount;
  } catch (error) {
    if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (errors.some((writeError) => writeError.code !== 11000)) throw error;
    return error.result.insertedCount;
  }
}

/** Runs `work` in one transaction (majority-acknowledged, snapshot reads), retried on transient errors. */
export async function inTransaction<T>(context: MongoContext, work: (session: mongo.ClientSession) => Promise<T>): Promise<T> {
  const session = context.connection.getClient().startSession();
  try {
    return await session.withTransaction(work, { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
  } finally {
    await session.endSession();
  }
}

/** The later of the caller's time and the wall clock: a claim judged against either never expires early. */
export function claimTime(now: Date): number {
  return Math.max(Date.now(), now.getTime());
}
