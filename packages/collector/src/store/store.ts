/**
 * The Store contract: every adapter (embedded NeDB + mingo, MongoDB via mongoose) implements it and passes
 * the one contract suite in `store-contract.ts`.
 *
 * The domain layer writes its filters, updates and aggregation pipelines ONCE, in MongoDB's dialect
 * (`{ status: 'pending', nextAttemptAt: { $lte: now } }`, `{ $set: ... }`, `[{ $match }, { $group }]`),
 * and hands them to a collection. Adapters must:
 * - enforce the unique indexes in `INDEXES` (a duplicate insert is reported, never stored twice);
 *   an update or upsert that would break one rejects with `DuplicateKeyError` (duplicate-key-error.ts);
 * - acknowledge a write only once it is durable (embedded: on disk; mongo: acknowledged by the server);
 * - make `findOneAndUpdate` atomic: two concurrent callers never both match the same document
 *   (this is what outbox leases rely on);
 * - store `Date` values as dates and return them as `Date` objects;
 * - support `$set`, `$unset`, `$inc`, `$push` (with `$each`), `$pull` (by equality), `$pullAll`, `$setOnInsert`
 *   updates and upserts.
 */
import type { Alert, StoredResponse } from '@heed/shared';

export type Doc = { _id: string } & Record<string, unknown>;
export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;
export type Pipeline = Record<string, unknown>[];

export interface FindOptions {
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export interface Collection<T extends { _id: string }> {
  /** Inserts one document; `inserted: false` when it collides with a unique index (nothing stored). */
  insertOne(doc: T): Promise<{ inserted: boolean }>;
  /** Inserts many; documents colliding with a unique index are skipped, the rest stored. */
  insertMany(docs: T[]): Promise<{ insertedIds: string[] }>;
  findOne(filter: Filter, options?: { sort?: Sort }): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<{ matched: number; upserted: boolean }>;
  updateMany(filter: Filter, update: Update): Promise<{ matched: number }>;
  /** Atomic: finds the first match (by `sort`), applies `update`, returns the document after the update. */
  findOneAndUpdate(filter: Filter, update: Update, options?: { sort?: Sort; upsert?: boolean }): Promise<T | null>;
  deleteMany(filter: Filter): Promise<{ deleted: number }>;
  aggregate<R = Record<string, unknown>>(pipeline: Pipeline): Promise<R[]>;
}

/** A shown/dismissed/snoozed record, for response rates and cross-device throttling. */
export interface DisplayDoc {
  _id: string;
  projectKey: string;
  surveyId: string;
  event: 'shown' | 'dismissed' | 'snoozed';
  userId?: string;
  anonymousId?: string;
  at: Date;
}

/** Daily counters per day x survey x plan, updated with `$inc` upserts at ingest. `_id` = `day|survey|plan`. */
export interface RollupDoc {
  _id: string;
  day: string;
  projectKey: string;
  surveyId: string;
  kind: string;
  productArea: string;
  plan: string;
  responses: number;
  comments: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Reason id -> count (cancel and uninstall surveys). */
  reasons: Record<string, number>;
  /**
   * Ids of responses whose counts are being applied: makes the `$inc` idempotent across a crash (see
   * domain/ingest.ts). Empty in steady state.
   */
  applying?: string[];
}

/** A named lease (digest sender, singleton jobs). `_id` is the lease name. */
export interface LeaseDoc {
  _id: string;
  holder: string;
  until: Date;
}

export type ResponseDoc = StoredResponse & {
  /**
   * Set while the response's side effects (alerts, rollup counts) are not all written; the value is when a
   * repair may take them over. Unset once they are (see domain/ingest.ts).
   */
  effectsPending?: Date;
};
export type AlertDoc = Alert;

export interface Collections {
  responses: ResponseDoc;
  displays: DisplayDoc;
  alerts: AlertDoc;
  rollups: RollupDoc;
  leases: LeaseDoc;
}
export type CollectionName = keyof Collections;

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  /** TTL in seconds on a single date field (Mongo only; the embedded adapter may ignore it). */
  expireAfterSeconds?: number;
}

/** Indexes every adapter declares. Unique ones are part of the contract. */
export const INDEXES: { [K in CollectionName]: IndexSpec[] } = {
  responses: [
    { fields: { submissionId: 1 }, unique: true },
    { fields: { surveyId: 1, receivedAt: -1 } },
    { fields: { receivedAt: -1, _id: -1 } },
    { fields: { 'respondent.userId': 1 } },
    { fields: { 'routing.owner': 1, receivedAt: -1 } },
    { fields: { effectsPending: 1 } },
  ],
  displays: [
    { fields: { projectKey: 1, userId: 1, at: -1 } },
    { fields: { at: 1 }, expireAfterSeconds: 400 * 24 * 3600 },
  ],
  alerts: [
    { fields: { responseId: 1, ownerId: 1, channel: 1 }, unique: true },
    { fields: { status: 1, nextAttemptAt: 1 } },
  ],
  rollups: [{ fields: { day: 1 } }, { fields: { projectKey: 1, day: 1 } }],
  leases: [],
};

export interface Store {
  readonly engine: 'embedded' | 'mongo';
  collection<K extends CollectionName>(name: K): Collection<Collections[K]>;
  /** Resolves when the store answers; rejects with a clear error when it cannot. */
  ping(): Promise<void>;
  /** Flushes pending (batched) writes and releases resources. */
  close(): Promise<void>;
}
