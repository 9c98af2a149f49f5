/**
 * The claim protocol, for deployments without multi-document transactions (a standalone server, FerretDB).
 * Before an item is inserted, its effects are written as a claim in `claims` (its alerts, whether it is
 * counted, a token held `until`). The writer then inserts the alerts (a duplicate is kept by the unique
 * index), counts a survey answer once (`countAll`), and deletes the claim only if it still holds it. A
 * writer that stops half way leaves the claim to expire; `resumeInterrupted` (or a repeat of the submission)
 * takes it over with a fresh token and completes the same steps, each of which is safe to repeat. Claims
 * live only while their effects are pending, so the collection stays small however much is stored.
 * A triage change's alerts go the same way, inside the item (`triageAlerts*`, see `mongo-triage.ts`).
 */
import type { mongo } from 'mongoose';
import { countAll, unlist } from './mongo-counters.ts';
import { claimTime, insertNew, native, type MongoContext } from './mongo-context.ts';
import { fromItem, SURVEY_SOURCE } from './mongo-items.ts';
import type { AlertDoc, ResponseDoc } from './store.ts';

/** The claim a writer takes on items' effects, judged at `now`. */
export function newClaim(context: MongoContext, now: Date): { token: string; until: Date } {
  return { token: context.newToken(), until: new Date(claimTime(now) + context.claimMs) };
}

/** A stored item whose effects are pending: its alerts, and for a survey answer its counts. */
export interface Recorded {
  id: string;
  counted?: ResponseDoc;
  alerts: AlertDoc[];
}

/** The claim document of an item about to be inserted. */
export function claimOf(id: string, alerts: mongo.Document[], counted: boolean, claim: { token: string; until: Date }): mongo.Document {
  return { _id: id, token: claim.token, until: claim.until, alerts, counted };
}

/**
 * Writes the effects of items whose claims are `token`, a few writes for all of them: one insert of every
 * alert, one guarded `$inc` per counter, one delete of the claims, one `$pullAll` per counter. Answers how
 * many claims it cleared; fewer than given when another writer took some over (their `applying` entries
 * are then left for that writer, whose count they guard).
 */
export async function completeRecords(context: MongoContext, recorded: Recorded[], token: string): Promise<number> {
  if (recorded.length === 0) return 0;
  await insertNew(native(context.models.alerts), recorded.flatMap(({ alerts }) => alerts) as unknown as mongo.Document[]);
  const listed = await countAll(context, recorded.flatMap(({ counted }) => (counted ? [counted] : [])));
  const ids = recorded.map(({ id }) => id);
  const cleared = await native(context.models.claims).deleteMany({ _id: { $in: ids as never[] }, token });
  if (cleared.deletedCount === ids.length) await Promise.all([...listed].map(([counter, answers]) => unlist(context, counter, answers)));
  return cleared.deletedCount;
}

/** Takes over the expired claim of one item and completes its effects; `false` when there was none to take. */
export async function resumeRecord(context: MongoContext, id: string, now: Date): Promise<boolean> {
  const { token, until } = newClaim(context, now);
  const claims = native(context.models.claims);
  const claim = await claims.findOneAndUpdate(
    { _id: id as never, until: { $lte: new Date(claimTime(now)) } },
    { $set: { token, until } },
    { returnDocument: 'after' },
  );
  if (!claim) return false;
  const item = await native(context.models.items).findOne({ _id: id as never }, { projection: { words: 0 } });
  if (!item) {
    // The writer stopped before the item was stored (or it was erased since): there is nothing to complete.
    await claims.deleteOne({ _id: id as never, token });
    return false;
  }
  const counted = claim.counted && item.source === SURVEY_SOURCE ? fromItem(item) : undefined;
  return (await completeRecords(context, [{ id, ...(counted && { counted }), alerts: claim.alerts as AlertDoc[] }], token)) > 0;
}

/** The claim of an item, when its effects are still pending. */
export async function pendingUntil(context: MongoContext, id: string): Promise<Date | null> {
  const claim = await native(context.models.claims).findOne({ _id: id as never }, { projection: { until: 1 } });
  return claim ? (claim.until as Date) : null;
}

/** Inserts a triage change's alerts and clears their claim, if `token` still holds it. */
export async function completeTriageAlerts(context: MongoContext, id: string, alerts: AlertDoc[], token: string): Promise<boolean> {
  await insertNew(native(context.models.alerts), alerts as unknown as mongo.Document[]);
  const cleared = await native(context.models.items).updateOne(
    { _id: id as never, triageAlertsClaim: token },
    { $unset: { triageAlertsPending: '', triageAlertsClaim: '', triageAlerts: '' } },
  );
  return cleared.matchedCount > 0;
}

async function resumeTriageAlerts(context: MongoContext, id: string, now: Date): Promise<boolean> {
  const claim = newClaim(context, now);
  const item = await native(context.models.items).findOneAndUpdate(
    { _id: id as never, triageAlertsPending: { $lte: new Date(claimTime(now)) } },
    { $set: { triageAlertsPending: claim.until, triageAlertsClaim: claim.token } },
    { returnDocument: 'after' },
  );
  if (!item) return false;
  return completeTriageAlerts(context, id, (item.triageAlerts ?? []) as AlertDoc[], claim.token);
}

const RESUME_BATCH = 100;

/** Completes every item (and triage change) whose claim expired by `now`; answers how many items it completed. */
export async function resumeExpired(context: MongoContext, now: Date): Promise<number> {
  const expired = new Date(claimTime(now));
  const completed = new Set<string>();
  for (const [collection, field, resume] of [
    [native(context.models.claims), 'until', resumeRecord],
    [native(context.models.items), 'triageAlertsPending', resumeTriageAlerts],
  ] as const) {
    for (;;) {
      // Each one taken over gets a claim past `now`, so the next batch never finds it again.
      const batch = await collection.find({ [field]: { $lte: expired } }, { projection: { _id: 1 }, limit: RESUME_BATCH }).toArray();
      for (const { _id } of batch) if (await resume(context, String(_id), now)) completed.add(String(_id));
      if (batch.length < RESUME_BATCH) break;
    }
  }
  return completed.size;
}
