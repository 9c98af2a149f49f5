/**
 * Console settings on MongoDB: one document per change in `console_settings`, `_id` its version. A save
 * inserts the latest version + 1 and, when another collector took that number first (the unique `_id`
 * refuses it), reads the latest again and retries; so a version is visible only once every lower one is.
 * Each change also records the version of its subject's change it replaced (`replaces`, 0 for the first),
 * unique per subject: of two saves made on the same latest change, the index stores one, so a save based on
 * a version is refused once another took its place, across collectors.
 */
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { isDuplicateKey, native } from './mongo-context.ts';
import type { SettingsChange, SettingsRepository } from './settings-repository.ts';

const options = { strict: 'throw', minimize: false, versionKey: false, id: false, autoIndex: false, autoCreate: false } as const;

export const settingsChangeSchema = new Schema(
  {
    _id: { type: Number, required: true },
    subject: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    settings: { type: Schema.Types.Mixed, required: true },
    replaces: { type: Number, required: true },
  },
  { ...options, collection: 'console_settings' },
);
settingsChangeSchema.index({ subject: 1, _id: -1 });
settingsChangeSchema.index({ subject: 1, replaces: 1 }, { unique: true });

export interface SettingsModels {
  changes: Model<mongo.Document>;
}

/** The settings models, registered on the store's connection. */
export function registerSettingsModels(connection: Connection): SettingsModels {
  return {
    changes: connection.model<mongo.Document>('settingsChanges', settingsChangeSchema),
  };
}

interface ChangeDoc {
  _id: number;
  subject: string;
  at: Date;
  actor: string;
  settings: SettingsChange['settings'];
  replaces: number;
}

const changeOf = (doc: ChangeDoc): SettingsChange => ({ version: doc._id, subject: doc.subject, at: doc.at, actor: doc.actor, settings: doc.settings });
const SAVE_ATTEMPTS = 20;

export function mongoSettings(models: SettingsModels): SettingsRepository {
  const changes = native(models.changes) as unknown as mongo.Collection<ChangeDoc>;
  const version = async () => (await changes.find({}, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).next())?._id ?? 0;
  const subjectLatest = async (subject: string) =>
    (await changes.find({ subject }, { projection: { _id: 1 } }).sort({ _id: -1 }).limit(1).next())?._id ?? 0;
  return {
    version,
    async save({ subject, at, actor, settings }, basedOn) {
      for (let attempt = 1; ; attempt += 1) {
        const replaces = await subjectLatest(subject);
        if (basedOn !== undefined && replaces !== basedOn) return 'changed';
        const doc: ChangeDoc = { _id: (await version()) + 1, subject, at, actor, settings, replaces };
        try {
          await changes.insertOne(doc);
          return changeOf(doc);
        } catch (error) {
          // Another collector took the version, or stored a change of this subject first: read again.
          if (!isDuplicateKey(error) || attempt >= SAVE_ATTEMPTS) throw error;
        }
      }
    },
    async current() {
      const at = await version();
      // A few subjects, each with its latest change read on the (subject, _id) index.
      const subjects = (await changes.distinct('subject', { _id: { $lte: at } })).sort();
      const latest: ChangeDoc[] = [];
      for (const subject of subjects) {
        const doc = await changes.find({ subject, _id: { $lte: at } }).sort({ _id: -1 }).limit(1).next();
        if (doc) latest.push(doc);
      }
      return { version: at, changes: latest.map(changeOf) };
    },
    async history(subject, limit) {
      return (await changes.find({ subject }).sort({ _id: -1 }).limit(limit).toArray()).map(changeOf);
    },
  };
}
