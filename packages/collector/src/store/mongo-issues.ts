/**
 * Issues on MongoDB: `issues` keyed by URL (`_id`) with the count of linked items kept by `$inc`, and
 * `issue_links` keyed by item id (`_id`), indexed by issue. Where the deployment runs transactions the link
 * and its counts commit together; elsewhere they are written link first, then the counts.
 */
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { inTransaction, isDuplicateKey, native, type MongoContext } from './mongo-context.ts';
import { afterPosition } from './mongo-items.ts';
import type { IssueDoc, IssueLinkDoc, IssueRepository, Position, RankedPosition } from './store.ts';

const options = { strict: 'throw' as const, minimize: false, versionKey: false as const, id: false, autoIndex: false, autoCreate: false };

export const issueSchema = new Schema(
  {
    _id: { type: String, required: true },
    title: String,
    state: { type: String, required: true, enum: ['open', 'closed'] },
    linkedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    asking: { type: Number, required: true },
  },
  { ...options, collection: 'issues' },
);
issueSchema.index({ linkedAt: -1, _id: -1 });
issueSchema.index({ asking: -1, linkedAt: -1, _id: -1 });

export const issueLinkSchema = new Schema(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    at: { type: Date, required: true },
    accountId: String,
    accountName: String,
    plan: String,
  },
  { ...options, collection: 'issue_links' },
);
issueLinkSchema.index({ url: 1, at: -1, _id: 1 });

export interface IssueModels {
  issues: Model<mongo.Document>;
  issueLinks: Model<mongo.Document>;
}

export function registerIssueModels(connection: Connection): IssueModels {
  return {
    issues: connection.model<mongo.Document>('Issue', issueSchema),
    issueLinks: connection.model<mongo.Document>('IssueLink', issueLinkSchema),
  };
}

function issueOf(doc: mongo.Document): IssueDoc {
  return {
    url: doc._id as string,
    ...(doc.title != null && { title: doc.title as string }),
    state: doc.state as IssueDoc['state'],
    linkedAt: doc.linkedAt as Date,
    updatedAt: doc.updatedAt as Date,
    asking: doc.asking as number,
  };
}

function linkOf(doc: mongo.Document): IssueLinkDoc {
  return {
    itemId: doc._id as string,
    url: doc.url as string,
    at: doc.at as Date,
    ...(doc.accountId != null && { accountId: doc.accountId as string }),
    ...(doc.accountName != null && { accountName: doc.accountName as string }),
    ...(doc.plan != null && { plan: doc.plan as string }),
  };
}

/** The issues strictly after `after` in the list's order (an issue's url is its `_id`). */
export function issuesAfter(sort: 'newest' | 'asking', after: Position | RankedPosition | undefined): mongo.Document {
  if (!after) return {};
  const afterTime = afterPosition(after, 'linkedAt');
  if (sort === 'newest') return afterTime;
  if (!('rank' in after)) throw new Error('a position in the most asked issues needs its rank');
  return { $or: [{ asking: { $lt: after.rank } }, { $and: [{ asking: after.rank }, afterTime] }] };
}

export function mongoIssues(context: MongoContext, models: IssueModels): IssueRepository {
  const issues = () => native(models.issues);
  const links = () => native(models.issueLinks);
  const session = (s?: mongo.ClientSession) => (s ? { session: s } : {});

  async function upsertIssue(url: string, title: string | undefined, at: Date, s?: mongo.ClientSession): Promise<void> {
    const update = { $setOnInsert: { state: 'open', linkedAt: at, asking: 0 }, $set: { updatedAt: at, ...(title !== undefined && { title }) } };
    try {
      await issues().updateOne({ _id: url as never }, update, { upsert: true, ...session(s) });
    } catch (error) {
      // Two first links of one issue at once: the other created it; this one updates it.
      if (!isDuplicateKey(error)) throw error;
      await issues().updateOne({ _id: url as never }, update, session(s));
    }
  }

  async function link(doc: IssueLinkDoc, title: string | undefined, s?: mongo.ClientSession): Promise<IssueDoc> {
    await upsertIssue(doc.url, title, doc.at, s);
    const { itemId, ...fields } = doc;
    const previous = await links().findOneAndReplace({ _id: itemId as never }, fields, { upsert: true, returnDocument: 'before', ...session(s) });
    if (previous?.url !== doc.url) {
      if (previous) await issues().updateOne({ _id: previous.url as never }, { $inc: { asking: -1 } }, session(s));
      await issues().updateOne({ _id: doc.url as never }, { $inc: { asking: 1 } }, session(s));
    }
    return issueOf((await issues().findOne({ _id: doc.url as never }, session(s)))!);
  }

  async function unlink(itemId: string, s?: mongo.ClientSession): Promise<IssueLinkDoc | null> {
    const previous = await links().findOneAndDelete({ _id: itemId as never }, session(s));
    if (!previous) return null;
    await issues().updateOne({ _id: previous.url as never }, { $inc: { asking: -1 } }, session(s));
    return linkOf(previous);
  }

  return {
    link: (doc, title) => (context.transactions ? inTransaction(context, (s) => link(doc, title, s)) : link(doc, title)),
    unlink: (itemId) => (context.transactions ? inTransaction(context, (s) => unlink(itemId, s)) : unlink(itemId)),
    async byUrl(url) {
      const doc = await issues().findOne({ _id: url as never });
      return doc ? issueOf(doc) : null;
    },
    async list(sort, limit, after) {
      const order = sort === 'asking' ? { asking: -1, linkedAt: -1, _id: -1 } : { linkedAt: -1, _id: -1 };
      return (await issues().find(issuesAfter(sort, after)).sort(order as mongo.Sort).limit(limit).toArray()).map(issueOf);
    },
    async itemsOf(url, limit) {
      return (await links().find({ url }).sort({ at: -1, _id: 1 }).limit(limit).toArray()).map(linkOf);
    },
    async linkOf(itemId) {
      const doc = await links().findOne({ _id: itemId as never });
      return doc ? linkOf(doc) : null;
    },
    async setState(url, change, at) {
      const set = { updatedAt: at, ...(change.state !== undefined && { state: change.state }), ...(change.title !== undefined && { title: change.title }) };
      const doc = await issues().findOneAndUpdate({ _id: url as never }, { $set: set }, { returnDocument: 'after' });
      return doc ? issueOf(doc) : null;
    },
  };
}
