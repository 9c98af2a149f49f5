/**
 * Escalation on MongoDB: candidates on the `(triage.status, receivedAt, _id)` index, and the marker
 * `escalatedAt` set by a compare-and-set (`new`, no `escalatedAt` yet) that pushes the history entry. The
 * secondary owner's alerts commit with it in a transaction where the deployment has them, else ride in the
 * item under a claim, as a triage change's alerts do (`mongo-effects.ts`), so a crash leaves them to resume.
 */
import type { mongo } from 'mongoose';
import { AlertSchema } from '@heed/shared';
import { inTransaction, native, storable, type MongoContext } from './mongo-context.ts';
import { completeTriageAlerts, newClaim } from './mongo-effects.ts';
import { entryOf } from './mongo-items.ts';
import type { AlertDoc, EscalationRepository } from './store.ts';

const STRICT_ALERT = AlertSchema.strict();

export function mongoEscalations(context: MongoContext): EscalationRepository {
  const items = () => native(context.models.items);
  return {
    async awaitingAcknowledgement(before, limit, after) {
      const query: mongo.Document = {
        'triage.status': 'new',
        escalatedAt: null,
        owner: { $ne: null },
        receivedAt: { $lt: before },
        ...(after && { $or: [{ receivedAt: { $gt: after.at } }, { receivedAt: after.at, _id: { $gt: after.id } }] }),
      };
      const docs = await items().find(query).sort({ receivedAt: 1, _id: 1 }).limit(limit).toArray();
      return docs.map(entryOf);
    },

    async escalate(id, { at, change, alerts }) {
      const cas = { _id: id as never, 'triage.status': 'new', escalatedAt: null };
      const stored = alerts.map((alert) => storable(context.models.alerts, alert, { value: alert, schema: STRICT_ALERT }));
      if (context.transactions) {
        return inTransaction(context, async (session) => {
          const marked = await items().updateOne(cas, { $set: { escalatedAt: at }, $push: { 'triage.history': change } } as mongo.Document, { session });
          if (marked.modifiedCount === 0) return false;
          const existing = await native(context.models.alerts)
            .find({ responseId: id, ownerId: { $in: alerts.map((alert) => alert.ownerId) } }, { projection: { channel: 1, ownerId: 1 }, session })
            .toArray();
          const taken = new Set(existing.map((alert) => `${alert.ownerId}|${alert.channel}`));
          const fresh = stored.filter((alert) => !taken.has(`${alert.ownerId}|${alert.channel}`));
          if (fresh.length > 0) await native(context.models.alerts).insertMany(fresh, { session });
          return true;
        });
      }
      if (alerts.length === 0) {
        return (await items().updateOne(cas, { $set: { escalatedAt: at }, $push: { 'triage.history': change } } as mongo.Document)).modifiedCount > 0;
      }
      const claim = newClaim(context, at);
      const item = await items().findOneAndUpdate(
        cas,
        {
          $set: { escalatedAt: at, triageAlertsPending: claim.until, triageAlertsClaim: claim.token },
          $push: { 'triage.history': change, triageAlerts: { $each: stored } },
        } as mongo.Document,
        { returnDocument: 'after' },
      );
      if (!item) return false;
      await completeTriageAlerts(context, id, (item.triageAlerts ?? []) as AlertDoc[], claim.token);
      return true;
    },

    async escalatedBetween(from, to, limit) {
      const docs = await items()
        .find({ escalatedAt: { $gte: from, $lt: to } })
        .sort({ escalatedAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return docs.map(entryOf);
    },
  };
}

