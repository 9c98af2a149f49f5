/**
 * A triage change as a compare-and-set: the update matches only while the stored triage is the one the
 * caller read (status, owner, issue URL, tags, and as many history entries), pushes the history entry and
 * moves the `owner` the console filters by. The new owner's alerts commit with it in a transaction, or go
 * by their own claim (`mongo-effects.ts`) where there is none. `findOneAndUpdate` answers whole items
 * (FerretDB 1.24 takes no projection there); `kind.read` leaves out the storage fields.
 */
import type { mongo } from 'mongoose';
import { AlertSchema } from '@heed/shared';
import { inTransaction, native, storable, type MongoContext } from './mongo-context.ts';
import { completeTriageAlerts, newClaim } from './mongo-effects.ts';
import { fromIntakeItem, fromItem, SURVEY_SOURCE } from './mongo-items.ts';
import type { Triage } from '@heed/shared';
import type { AlertDoc, ItemDoc, ResponseDoc, TriageUpdate } from './store.ts';

/** Which items a triage change applies to, and how they read. */
export interface TriagedKind<T> {
  source: mongo.Document[string];
  read: (doc: mongo.Document) => T;
}

export const SURVEY_ITEMS: TriagedKind<ResponseDoc> = { source: SURVEY_SOURCE, read: fromItem };
export const INTAKE_ITEMS: TriagedKind<ItemDoc> = { source: { $ne: SURVEY_SOURCE }, read: fromIntakeItem };

const STRICT_ALERT = AlertSchema.strict();

const alertKey = (alert: Pick<AlertDoc, 'responseId' | 'ownerId' | 'channel'>) => `${alert.responseId}|${alert.ownerId}|${alert.channel}`;

/** The alerts whose (response, owner, channel) is neither in `stored` nor earlier in the list. */
export function alertsNotIn(stored: Pick<AlertDoc, 'responseId' | 'ownerId' | 'channel'>[], alerts: AlertDoc[]): AlertDoc[] {
  const seen = new Set(stored.map(alertKey));
  return alerts.filter((alert) => {
    const key = alertKey(alert);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The stored triage is still `expected`. */
function unchanged(id: string, source: mongo.Document[string], expected: Triage): mongo.Document {
  return {
    _id: id,
    source,
    'triage.status': expected.status,
    'triage.owner': expected.owner ?? null,
    'triage.issueUrl': expected.issueUrl ?? null,
    'triage.tags': expected.tags,
    'triage.history': { $size: expected.history.length },
  };
}

function triageChange(routedOwner: string | undefined, { next, change }: TriageUpdate): { $set: mongo.Document; $unset?: mongo.Document; $push: mongo.Document } {
  const $set: mongo.Document = { 'triage.status': next.status, 'triage.tags': next.tags };
  const $unset: mongo.Document = {};
  const optional = { 'triage.owner': next.owner, 'triage.issueUrl': next.issueUrl, owner: next.owner ?? routedOwner };
  for (const [field, value] of Object.entries(optional)) {
    if (value === undefined) $unset[field] = '';
    else $set[field] = value;
  }
  return { $set, ...(Object.keys($unset).length > 0 && { $unset }), $push: { 'triage.history': change } };
}

export async function updateTriage<T>(context: MongoContext, kind: TriagedKind<T>, id: string, update: TriageUpdate): Promise<T | null | 'conflict'> {
  const { models } = context;
  const items = native(models.items);
  const current = await items.findOne({ _id: id as never, source: kind.source }, { projection: { 'routing.owner': 1 } });
  if (!current) return null;
  const change = triageChange(current.routing?.owner as string | undefined, update);
  const alerts = update.alerts.map((alert) => storable(models.alerts, alert, { value: alert, schema: STRICT_ALERT }));
  const cas = unchanged(id, kind.source, update.expected);

  if (context.transactions) {
    const updated = await inTransaction(context, async (session) => {
      const item = await items.findOneAndUpdate(cas, change, { returnDocument: 'after', session });
      if (!item || alerts.length === 0) return item;
      const stored = await native(models.alerts)
        .find({ responseId: { $in: [...new Set(update.alerts.map((alert) => alert.responseId))] } }, { projection: { responseId: 1, ownerId: 1, channel: 1 }, session })
        .toArray();
      const fresh = new Set(alertsNotIn(stored as unknown as AlertDoc[], update.alerts).map((alert) => alert._id));
      const toInsert = alerts.filter((alert) => fresh.has(String(alert._id)));
      if (toInsert.length > 0) await native(models.alerts).insertMany(toInsert, { session });
      return item;
    });
    return updated ? kind.read(updated) : await goneOrConflict(context, id);
  }

  if (alerts.length === 0) {
    const item = await items.findOneAndUpdate(cas, change, { returnDocument: 'after' });
    return item ? kind.read(item) : await goneOrConflict(context, id);
  }
  // The alerts ride in the item under a claim, so a crash before they are inserted leaves them to resume.
  const claim = newClaim(context, update.change.at);
  const item = await items.findOneAndUpdate(
    cas,
    {
      $set: { ...change.$set, triageAlertsPending: claim.until, triageAlertsClaim: claim.token },
      ...(change.$unset && { $unset: change.$unset }),
      $push: { ...change.$push, triageAlerts: { $each: alerts } },
    } as mongo.Document,
    { returnDocument: 'after' },
  );
  if (!item) return goneOrConflict(context, id);
  // All the alerts waiting in the item, an earlier change's too if its writer stopped.
  await completeTriageAlerts(context, id, (item.triageAlerts ?? []) as AlertDoc[], claim.token);
  return kind.read(item);
}

async function goneOrConflict(context: MongoContext, id: string): Promise<null | 'conflict'> {
  const exists = await native(context.models.items).countDocuments({ _id: id as never }, { limit: 1 });
  return exists > 0 ? 'conflict' : null;
}
