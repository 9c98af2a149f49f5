/**
 * Answers recorded by the claim protocol, written in batches: the answers asked for while a batch is being
 * written make up the next one, so under load a few writes (`completeRecords`) carry many answers, and an
 * answer alone waits for no one. One batch is written at a time (FerretDB's SQLite backend answers
 * concurrent writers with "database is locked"). Each caller is answered once its answer and its effects are
 * acknowledged by the server.
 */
import { mongo } from 'mongoose';
import { AlertSchema, StoredResponseSchema } from '@heed/shared';
import { native, storable, type MongoContext } from './mongo-context.ts';
import { claimOf, completeRecords, newClaim, type Recorded } from './mongo-effects.ts';
import { toItem } from './mongo-items.ts';
import type { AlertDoc, ResponseDoc } from './store.ts';

export type RecordResult = { id: string; duplicate: boolean };

interface Queued {
  response: ResponseDoc;
  alerts: AlertDoc[];
  resolve: (result: RecordResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 500;
const STRICT_RESPONSE = StoredResponseSchema.strict();
const STRICT_ALERT = AlertSchema.strict();

/**
 * `duplicateOf` answers the answer stored before for a submission (completing its effects if they were left
 * half done), `null` when there is none.
 */
export function createRecordBatcher(context: MongoContext, duplicateOf: (response: ResponseDoc) => Promise<RecordResult | null>) {
  let queue: Queued[] = [];
  let writing = false;

  async function write(batch: Queued[]): Promise<void> {
    const claim = newClaim(context, new Date(Math.max(...batch.map(({ response }) => response.receivedAt.getTime()))));
    const entries: { entry: Queued; item: mongo.Document; claim: mongo.Document }[] = [];
    // A submission twice in one batch: the later ones wait for the first and answer its id.
    const firsts = new Map<string, Queued>();
    const repeats: Queued[] = [];
    for (const entry of batch) {
      if (firsts.has(entry.response.submissionId)) {
        repeats.push(entry);
        continue;
      }
      try {
        const item = storable(context.models.items, toItem(entry.response), { value: entry.response, schema: STRICT_RESPONSE });
        const alerts = entry.alerts.map((alert) => storable(context.models.alerts, alert, { value: alert, schema: STRICT_ALERT }));
        firsts.set(entry.response.submissionId, entry);
        entries.push({ entry, item, claim: claimOf(entry.response._id, alerts, true, claim) });
      } catch (error) {
        entry.reject(error);
      }
    }

    const outcomes = new Map<string, Promise<RecordResult>>();
    const fail = (submissionId: string, error: unknown) => outcomes.set(submissionId, Promise.reject(error));
    // The claims first: an item is never stored without its effects written down.
    const unclaimed = await insertAll(native(context.models.claims), entries.map(({ claim }) => claim));
    const claimed = entries.filter(({ entry }, index) => {
      const error = unclaimed.get(index);
      if (error) fail(entry.response.submissionId, error);
      return !error;
    });
    const failed = await insertAll(native(context.models.items), claimed.map(({ item }) => item));
    const stored: Recorded[] = [];
    const released: string[] = [];
    claimed.forEach(({ entry, claim }, index) => {
      const { response } = entry;
      const error = failed.get(index);
      if (error === undefined) {
        stored.push({ id: response._id, counted: response, alerts: claim.alerts as AlertDoc[] });
        outcomes.set(response.submissionId, Promise.resolve({ id: response._id, duplicate: false }));
        return;
      }
      released.push(response._id);
      if (error.code === 11000) outcomes.set(response.submissionId, duplicateOf(response).then((first) => first ?? Promise.reject(error)));
      else fail(response.submissionId, error);
    });
    // Claims of items not stored (a repeated submission) go, unless another writer took them over meanwhile.
    if (released.length > 0) await native(context.models.claims).deleteMany({ _id: { $in: released as never[] }, token: claim.token });

    try {
      await completeRecords(context, stored, claim.token);
    } catch (error) {
      // The answers are stored with their claims: resuming completes them once the claims expire.
      for (const { counted } of stored) if (counted) fail(counted.submissionId, error);
    }
    for (const entry of [...entries.map(({ entry }) => entry), ...repeats]) {
      const outcome = outcomes.get(entry.response.submissionId) as Promise<RecordResult>;
      const isRepeat = firsts.get(entry.response.submissionId) !== entry;
      outcome.then((result) => entry.resolve(isRepeat ? { id: result.id, duplicate: true } : result), entry.reject);
    }
    await Promise.allSettled(outcomes.values());
  }

  /** Inserts documents in one unordered write; answers the failed ones' errors by index. */
  async function insertAll(collection: mongo.Collection, docs: mongo.Document[]): Promise<Map<number, mongo.WriteError>> {
    const failed = new Map<number, mongo.WriteError>();
    if (docs.length === 0) return failed;
    try {
      await collection.insertMany(docs, { ordered: false });
    } catch (error) {
      if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
      for (const writeError of Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors]) failed.set(writeError.index, writeError);
    }
    return failed;
  }

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      try {
        await write(batch);
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    writing = false;
  }

  return {
    record(response: ResponseDoc, alerts: AlertDoc[]): Promise<RecordResult> {
      return new Promise((resolve, reject) => {
        queue.push({ response, alerts, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
