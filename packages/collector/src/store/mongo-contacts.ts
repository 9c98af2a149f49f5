/**
 * Contacts on MongoDB: the told marker `toldAt` on the item, set by a compare-and-set (a consenting contact,
 * not told yet) that pushes the history entry in the same update; erasure unsets the contact of every item
 * holding it (on the `customer.contactEmail` index) and keeps the address's hash in `erased_contacts`.
 */
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { contactHash } from './contact-hash.ts';
import { native, type MongoContext } from './mongo-context.ts';
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

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
      // Stored as given: matched whole and in any case (the index answers exact matches; case variants are rare).
      const address = email.trim();
      const filter = { 'customer.contactEmail': { $in: [address, address.toLowerCase(), new RegExp(`^${escapeRegex(address)}$`, 'i')] } };
      const done = await items().updateMany(filter, { $unset: { 'customer.contactEmail': '', 'customer.mayContact': '' }, $push: { 'triage.history': change } } as mongo.Document);
      await erased().updateOne({ _id: contactHash(email) as never }, { $setOnInsert: { at } }, { upsert: true });
      return done.modifiedCount;
    },
    isErased,
  };
}
