/**
 * Contacts on MongoDB: the told marker `toldAt` on the item, set by a compare-and-set (a consenting contact,
 * not told yet) that pushes the history entry in the same update; erasure rewrites every intake item whose
 * contact or reporter is the address (on the `customer.contactEmail` and `reporter.email` indexes) as
 * contact-erasure.ts says, with its search words, and keeps the address's hash in `erased_contacts`.
 */
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { escapeRegex, withoutAddress } from './contact-erasure.ts';
import { contactHash } from './contact-hash.ts';
import { native, type MongoContext } from './mongo-context.ts';
import { fromIntakeItem, intakeWords } from './mongo-items.ts';
import type { ContactRepository } from './store.ts';

export const erasedContactSchema = new Schema(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'erased_contacts', strict: 'throw', versionKey: false, id: false, autoIndex: false, autoCreate: false },
);

export interface ContactModels {
  erasedContacts: Model<mongo.Document>;
}

export function registerContactModels(connection: Connection): ContactModels {
  return { erasedContacts: connection.model<mongo.Document>('ErasedContact', erasedContactSchema) };
}

/**
 * The items whose contact or reporter is the address. Stored as given: matched whole and in any case (the
 * indexes answer exact matches; case variants are rare).
 */
export function heldByQuery(email: string): mongo.Document {
  const address = email.trim();
  const anyCase = { $in: [address, address.toLowerCase(), new RegExp(`^${escapeRegex(address)}$`, 'i')] };
  return { $or: [{ 'customer.contactEmail': anyCase }, { 'reporter.email': anyCase }] };
}

export function mongoContacts(context: MongoContext, models: ContactModels): ContactRepository {
  const items = () => native(context.models.items);
  const erased = () => native(models.erasedContacts);
  const isErased = async (email: string) => (await erased().findOne({ _id: contactHash(email) as never })) !== null;

  return {
    async markTold(itemId, at, change) {
      const item = await items().findOne({ _id: itemId as never }, { projection: { source: 1, customer: 1, toldAt: 1 } });
      if (!item || item.source === 'survey') return null;
      if (item.toldAt != null) return 'told';
      const email = item.customer?.contactEmail as string | undefined;
      if (email === undefined) return 'no-contact';
      if (item.customer?.mayContact !== true) return 'no-consent';
      if (await isErased(email)) return 'erased';
      // The check again, in the update: erased meanwhile (the contact is gone) or told by another, nothing changes.
      const marked = await items().updateOne(
        { _id: itemId as never, toldAt: null, 'customer.contactEmail': email, 'customer.mayContact': true },
        { $set: { toldAt: at }, $push: { 'triage.history': change } } as mongo.Document,
      );
      return marked.modifiedCount === 1 ? 'marked' : 'told';
    },
    async unmarkTold(itemId, change) {
      const done = await items().updateOne({ _id: itemId as never, toldAt: { $ne: null } }, { $unset: { toldAt: '' }, $push: { 'triage.history': change } } as mongo.Document);
      return done.modifiedCount === 1;
    },
    async toldAt(itemId) {
      const item = await items().findOne({ _id: itemId as never }, { projection: { toldAt: 1 } });
      return (item?.toldAt as Date | undefined) ?? null;
    },
    async erase(email, at, change) {
      const holding = await items().find(heldByQuery(email)).toArray();
      let count = 0;
      for (const doc of holding) {
        const scrubbed = withoutAddress(fromIntakeItem(doc), email);
        if (!scrubbed) continue;
        const { item, searchable } = scrubbed;
        const $set: mongo.Document = { customer: item.customer, details: item.details, links: item.links, text: item.text };
        if (item.title !== undefined) $set.title = item.title;
        if (searchable) $set.words = intakeWords(item);
        const update: mongo.Document = { $set, $push: { 'triage.history': change } };
        if (item.reporter === undefined && doc.reporter !== undefined) update.$unset = { reporter: '' };
        count += (await items().updateOne({ _id: doc._id }, update)).modifiedCount;
      }
      await erased().updateOne({ _id: contactHash(email) as never }, { $setOnInsert: { at } }, { upsert: true });
      return count;
    },
    isErased,
  };
}
