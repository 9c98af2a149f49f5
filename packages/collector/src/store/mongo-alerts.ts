/**
 * The alert outbox on MongoDB. A claim is one atomic `findOneAndUpdate` on the due alert soonest (index
 * `status, nextAttemptAt`); an outcome is an update matching the claimant's lease exactly, so a holder whose
 * lease was taken over changes nothing. Each attempt is logged inside its alert, capped to the newest
 * `ATTEMPT_LOG_SIZE` (FerretDB 1.24 ignores the cap: `$push` with `$slice`).
 */
import type { mongo } from 'mongoose';
import { AlertSchema } from '@heed/shared';
import { insertNew, native, storable, type MongoContext } from './mongo-context.ts';
import { afterPosition } from './mongo-items.ts';
import { ATTEMPT_LOG_SIZE } from './mongo-models.ts';
import type { AlertAttempt, AlertDoc, AlertFilter, AlertRepository, AttemptRecord } from './store.ts';

const WITHOUT_LOG = { log: 0 } as const;

/** The alert without its attempt log (`findOneAndUpdate` answers it whole: FerretDB 1.24 takes no projection there). */
function alertOf(doc: mongo.Document | null): AlertDoc | null {
  if (!doc) return null;
  const { log: _log, ...alert } = doc;
  return alert as AlertDoc;
}
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;
const STRICT_ALERT = AlertSchema.strict();

/** The update an attempt's outcome makes, besides counting it and releasing the lease. */
function outcome(attempt: AttemptRecord): { $set: mongo.Document; $unset: mongo.Document } {
  const $unset: mongo.Document = { leaseOwner: '', leaseUntil: '' };
  switch (attempt.status) {
    case 'delivered':
      return { $set: { status: 'delivered', deliveredAt: attempt.at }, $unset: { ...$unset, lastError: '' } };
    case 'retry':
      return { $set: { lastError: attempt.error, nextAttemptAt: attempt.nextAttemptAt }, $unset };
    case 'failed':
      return { $set: { status: 'failed', failedAt: attempt.at, lastError: attempt.error }, $unset };
  }
}

export function mongoAlerts(context: MongoContext): AlertRepository {
  const alerts = native(context.models.alerts);
  return {
    async enqueue(docs) {
      return insertNew(alerts, docs.map((alert) => storable(context.models.alerts, alert, { value: alert, schema: STRICT_ALERT })));
    },
    async claimNextDue(holder, now, leaseUntil) {
      const claimed = await alerts.findOneAndUpdate(
        { status: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $not: { $gt: now } } },
        { $set: { leaseOwner: holder, leaseUntil } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      );
      return alertOf(claimed);
    },
    async recordAttempt(id, holder, leaseUntil, attempt) {
      const { $set, $unset } = outcome(attempt);
      const entry: AlertAttempt = { at: attempt.at, status: attempt.status, ...(attempt.status !== 'delivered' && { error: attempt.error }) };
      const result = await alerts.updateOne(
        { _id: id as never, status: 'pending', leaseOwner: holder, leaseUntil },
        { $set, $unset, $inc: { attempts: 1 }, $push: { log: { $each: [entry], $slice: -ATTEMPT_LOG_SIZE } } } as mongo.Document,
      );
      return result.matchedCount > 0;
    },
    async releaseLease(id, holder, leaseUntil) {
      const result = await alerts.updateOne({ _id: id as never, leaseOwner: holder, leaseUntil }, { $unset: { leaseOwner: '', leaseUntil: '' } });
      return result.matchedCount > 0;
    },
    async get(id) {
      return (await alerts.findOne({ _id: id as never }, { projection: WITHOUT_LOG })) as AlertDoc | null;
    },
    async page(filter: AlertFilter, limit, after) {
      const query: mongo.Document = {};
      for (const field of ['status', 'ownerId', 'channel', 'responseId'] as const) if (filter[field] !== undefined) query[field] = filter[field];
      const found = await alerts
        .find(after ? { $and: [query, afterPosition(after, 'createdAt')] } : query, { projection: WITHOUT_LOG, sort: NEWEST_FIRST, limit })
        .toArray();
      return found as unknown as AlertDoc[];
    },
    async attempts(id) {
      const alert = await alerts.findOne({ _id: id as never }, { projection: { log: 1 } });
      return ((alert?.log ?? []) as AlertAttempt[]).map(({ at, status, error }) => ({ at, status, ...(error !== undefined && { error }) }));
    },
    async requeueFailed(id, now) {
      const requeued = await alerts.findOneAndUpdate(
        { _id: id as never, status: 'failed' },
        { $set: { status: 'pending', attempts: 0, nextAttemptAt: now }, $unset: { lastError: '', failedAt: '', leaseOwner: '', leaseUntil: '' } },
        { returnDocument: 'after' },
      );
      return alertOf(requeued);
    },
    async failedBetween(ownerId, from, to, limit) {
      const found = await alerts
        .find({ ownerId, status: 'failed', failedAt: { $gte: from, $lt: to } }, { projection: WITHOUT_LOG, sort: { failedAt: -1, _id: -1 }, limit })
        .toArray();
      return found as unknown as AlertDoc[];
    },
  };
}
