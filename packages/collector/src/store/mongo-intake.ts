/**
 * Feedback items from intake paths on MongoDB, in `items` beside survey answers, so one inbox pages over every
 * source on the (occurredAt, _id) indexes. An item and its alerts commit in one transaction where the
 * deployment has them, else by the claim protocol (`mongo-effects.ts`: the alerts ride in the item until
 * they are inserted). The same original (source + source id) is stored once.
 */
import { AlertSchema, FeedbackSourceSchema, StoredItemSchema, type FeedbackSource, type IntakeSource } from '@heed/shared';
import type { mongo } from 'mongoose';
import { claimTime, inTransaction, isDuplicateKey, native, storable, type MongoContext } from './mongo-context.ts';
import { claimOf, completeRecords, newClaim, pendingUntil, resumeRecord } from './mongo-effects.ts';
import { entryOf, fromIntakeItem, inboxQuery, intakeWords, NEWEST_FIRST, SURVEY_SOURCE, toIntakeItem, WITHOUT_STORAGE_FIELDS } from './mongo-items.ts';
import { alertsNotIn, INTAKE_ITEMS, updateTriage } from './mongo-triage.ts';
import type { AlertDoc, InboxEntry, ItemDoc, ItemFilter, ItemRepository, Position } from './store.ts';
import { keysetStream, STREAM_BATCH } from './keyset-stream.ts';

const STRICT_ITEM = StoredItemSchema.strict();
const STRICT_ALERT = AlertSchema.strict();

export function mongoIntake(context: MongoContext): ItemRepository {
  const { models } = context;
  const items = native(models.intakeItems);

  async function bySource(source: IntakeSource, sourceId: string): Promise<mongo.Document | null> {
    return items.findOne({ source, sourceId }, { projection: WITHOUT_STORAGE_FIELDS });
  }

  /** The item stored before for this original; its alerts completed if they were left half done. */
  async function duplicateOf(item: ItemDoc): Promise<{ id: string; duplicate: true } | null> {
    const first = await items.findOne({ source: item.source, sourceId: item.sourceId }, { projection: { _id: 1 } });
    if (!first) return null;
    const id = String(first._id);
    const pending = await pendingUntil(context, id);
    if (pending && pending.getTime() <= claimTime(item.receivedAt)) await resumeRecord(context, id, item.receivedAt);
    return { id, duplicate: true };
  }

  async function record(item: ItemDoc, alerts: AlertDoc[]): Promise<{ id: string; duplicate: boolean }> {
    const valid = alertsNotIn([], alerts).map((alert) => storable(models.alerts, alert, { value: alert, schema: STRICT_ALERT }));
    const doc = storable(models.intakeItems, toIntakeItem(item), { value: item, schema: STRICT_ITEM });
    const claim = newClaim(context, item.receivedAt);
    const claims = native(models.claims);
    try {
      if (context.transactions) {
        await inTransaction(context, async (session) => {
          await items.insertOne(doc, { session });
          if (valid.length > 0) await native(models.alerts).insertMany(valid, { session });
        });
      } else if (valid.length === 0) {
        await items.insertOne(doc);
      } else {
        // The claim first: an item is never stored without its alerts written down.
        await claims.insertOne(claimOf(item._id, valid, false, claim));
        try {
          await items.insertOne(doc);
        } catch (error) {
          await claims.deleteOne({ _id: item._id as never, token: claim.token });
          throw error;
        }
        await completeRecords(context, [{ id: item._id, alerts: valid as unknown as AlertDoc[] }], claim.token);
      }
    } catch (error) {
      const first = isDuplicateKey(error) ? await duplicateOf(item) : null;
      if (!first) throw error;
      return first;
    }
    return { id: item._id, duplicate: false };
  }

  async function page(filter: ItemFilter, limit: number, after?: Position): Promise<InboxEntry[]> {
    const found = await native(models.items).find(inboxQuery(filter, after), { projection: WITHOUT_STORAGE_FIELDS, sort: NEWEST_FIRST, limit }).toArray();
    return found.map(entryOf);
  }

  return {
    record,
    async revise(source, sourceId, revision) {
      const current = await bySource(source, sourceId);
      if (!current) return null;
      const item = fromIntakeItem(current);
      const $set: mongo.Document = {};
      if (revision.title !== undefined) $set.title = revision.title;
      if (revision.text !== undefined) $set.text = revision.text;
      if (revision.links !== undefined) $set.links = revision.links;
      if (revision.details !== undefined) $set.details = { ...item.details, ...revision.details };
      if (revision.title !== undefined || revision.text !== undefined) $set.words = intakeWords({ title: revision.title ?? item.title, text: revision.text ?? item.text });
      if (Object.keys($set).length === 0) return item;
      const revised = await items.findOneAndUpdate({ _id: current._id }, { $set: storable(models.intakeItems, $set) }, { returnDocument: 'after' });
      return revised ? fromIntakeItem(revised) : null;
    },
    async get(id) {
      const found = await items.findOne({ _id: id as never, source: { $ne: SURVEY_SOURCE } }, { projection: WITHOUT_STORAGE_FIELDS });
      return found ? fromIntakeItem(found) : null;
    },
    async bySource(source, sourceId) {
      const found = await bySource(source, sourceId);
      return found ? fromIntakeItem(found) : null;
    },
    page,
    stream: (filter) => keysetStream((after) => page(filter, STREAM_BATCH, after), (last) => (last.source === 'survey' ? { at: last.response.receivedAt, id: last.response._id } : { at: last.item.occurredAt, id: last.item._id })),
    updateTriage: (id, update) => updateTriage(context, INTAKE_ITEMS, id, update),
    async countBySource(filter) {
      // One count per source on the inbox indexes: a `$group` would read every match, and FerretDB 1.24
      // answers a `$group` with several accumulators wrongly.
      const counts: Partial<Record<FeedbackSource, number>> = {};
      await Promise.all(
        FeedbackSourceSchema.options.map(async (source) => {
          if (filter.source !== undefined && filter.source !== source) return;
          const n = await items.countDocuments(inboxQuery({ ...filter, source }));
          if (n > 0) counts[source] = n;
        }),
      );
      return counts;
    },
  };
}
