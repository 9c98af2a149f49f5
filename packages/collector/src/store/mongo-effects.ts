/**
 * The claim protocol, for deployments without multi-document transactions (a standalone server, FerretDB).
 * An answer is inserted with its effects inside it: `effectsAlerts` and a claim (`effectsClaim`, a token,
 * held until `effectsPending`). The writer then inserts the alerts (a duplicate is kept by the unique
 * index), counts the answer once (`countOnce`), and clears the claim only if it still holds it. A writer
 * that stops half way leaves the claim to expire; `resumeInterrupted` (or a repeat of the submission) takes
 * it over with a fresh token and completes the same steps, each of which is safe to repeat.
 * A triage change's alerts go the same way under their own claim (`triageAlerts*`): inserting them is all
 * there is to complete.
 */
import type { mongo } from 'mongoose';
import { countAll, unlist } from './mongo-counters.ts';
import { claimTime, insertNew, native, type MongoContext } from './mongo-context.ts';
import { fromItem, SURVEY_SOURCE } from './mongo-items.ts';
import type { AlertDoc, ResponseDoc } from './store.ts';

/** The claim a writer takes on an answer's effects, judged at `now`. */
export function newClaim(context: MongoContext, now: Date): { token: string; until: Date } {
  return { token: context.newToken(), until: new Date(claimTime(now) + context.claimMs) };
}

/** A stored item whose effects are pending: its alerts, and for a survey answer its counts. */
export interface Recorded {
  id: string;
  counted?: ResponseDoc;
  alerts: AlertDoc[];
}

/**
 * Writes the effects of answers whose claim is `token`, a few writes for all of them: one insert of every
 * alert, one guarded `$inc` per counter, one update clearing the claims, one `$pullAll` per counter.
 * Answers how many it cleared; fewer than given when another writer took some claims over (their
 * `applying` entries are then left for that writer, whose count they guard).
 */
export async function completeRecords(context: MongoContext, recorded: Recorded[], token: string): Promise<number> {
  if (recorded.length === 0) return 0;
  await insertNew(native(context.models.alerts), recorded.flatMap(({ alerts }) => alerts) as unknown as mongo.Document[]);
  const listed = await countAll(context, recorded.flatMap(({ counted }) => (counted ? [counted] : [])));
  const ids = recorded.map(({ id }) => id);
  const cleared = await native(context.models.items).updateMany(
    { _id: { $in: ids as never[] }, effectsClaim: token },
    { $unset: { effectsPending: '', effectsClaim: '', effectsAlerts: '' } },
  );
  if (cleared.matchedCount === ids.length) await Promise.all([...listed].map(([counter, answers]) => unlist(context, counter, answers)));
  return cleared.matchedCount;
}

/** Takes over the expired claim of one answer and completes its effects; `false` when there was none to take. */
export async function resumeRecord(context: MongoContext, id: string, now: Date): Promise<boolean> {
  const claim = newClaim(context, now);
  const item = await native(context.models.items).findOneAndUpdate(
    { _id: id as never, effectsPending: { $lte: new Date(claimTime(now)) } },
    { $set: { effectsPending: claim.until, effectsClaim: claim.token } },
    { returnDocument: 'after' },
  );
  if (!item) return false;
  const alerts = (item.effectsAlerts ?? []) as AlertDoc[];
  const counted = item.source === SURVEY_SOURCE ? fromItem(item) : undefined;
  return (await completeRecords(context, [{ id, ...(counted && { counted }), alerts }], claim.token)) > 0;
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

/** Completes every answer (and triage change) whose claim expired by `now`; answers how many items it completed. */
export async function resumeExpired(context: MongoContext, now: Date): Promise<number> {
  const items = native(context.models.items);
  const expired = new Date(claimTime(now));
  const completed = new Set<string>();
  for (const [field, resume] of [
    ['effectsPending', resumeRecord],
    ['triageAlertsPending', resumeTriageAlerts],
  ] as const) {
    for (;;) {
      // Each one taken over gets a claim past `now`, so the next batch never finds it again.
      const batch = await items.find({ [field]: { $lte: expired } }, { projection: { _id: 1 }, limit: RESUME_BATCH }).toArray();
      for (const { _id } of batch) if (await resume(context, String(_id), now)) completed.add(String(_id));
      if (batch.length < RESUME_BATCH) break;
    }
  }
  return completed.size;
}
