/**
 * The MongoDB collections as mongoose schemas: field types and validation for what is inserted (a document is
 * checked against its shared zod schema, then cast to these types, see `storable` in `mongo-context.ts`), and
 * the indexes every repository query runs on, declared here and created at open. Enumerations come from the
 * shared zod schemas so the two cannot drift. `strict: 'throw'` makes a field unknown here fail loudly.
 *
 * - `items`: feedback items of every source, two models on one collection: survey answers (`source:
 *   'survey'`, `sourceId` = the submission id) and items from intake paths. Both keep what the inbox filters
 *   and sorts by at the top: `occurredAt` (an answer's is when it was received), `owner` (the triage owner,
 *   else the routed one), `plan`, `region`, and `words` for search (`mongo-search.ts`). The `triageAlerts*`
 *   fields exist only while a triage change's alerts are pending (see `mongo-triage.ts`).
 * - `claims`: the effects of items being written where there are no transactions (`mongo-effects.ts`):
 *   one document per item until its alerts and counts are written, so the collection stays small.
 * - `displays` (expire after 400 days), `alerts` (attempt log embedded, capped), `leases`,
 *   `report_days` (day x project x survey x plan counters), `display_days` (day x project x survey).
 */
import { Schema, type Connection, type Model, type SchemaOptions, type mongo } from 'mongoose';
import {
  AlertStatusSchema,
  ChannelSchema,
  DisplaySchema,
  IntakeSourceSchema,
  NpsCategorySchema,
  PlanSchema,
  StoredResponseSchema,
  TriageStatusSchema,
} from '@heed/shared';

/** Displays are kept 400 days (TTL index on `at`), enough for a year of response rates. */
export const DISPLAY_TTL_SECONDS = 400 * 24 * 3600;
/** The attempts an alert keeps in its log, newest ones. */
export const ATTEMPT_LOG_SIZE = 50;

const nested: SchemaOptions = { _id: false, strict: 'throw', minimize: false };

function rootOptions(collection: string): SchemaOptions {
  return { collection, strict: 'throw', minimize: false, versionKey: false, id: false, autoIndex: false, autoCreate: false };
}

const id = { type: String, required: true };
const requiredString = { type: String, required: true };
const requiredDate = { type: Date, required: true };
const day = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ };
const integer = { validator: Number.isInteger, message: '{PATH} must be an integer' };
const count = { type: Number, required: true, min: 0, validate: integer };
/** Arrays stay absent unless written (mongoose would otherwise add `[]`). */
const optionalStrings = { type: [String], default: undefined };

const answersSchema = new Schema(
  { score: { type: Number, min: 0, max: 10, validate: integer }, comment: String, reason: String, reasons: optionalStrings },
  nested,
);
const respondentSchema = new Schema({ userId: String, accountId: String, anonymousId: String }, nested);
const contextSchema = new Schema(
  { plan: { type: String, enum: PlanSchema.options }, url: String, locale: String, extensionVersion: String, installId: String, userAgent: String },
  nested,
);
const routingSchema = new Schema(
  { status: { type: String, required: true, enum: StoredResponseSchema.shape.routing.shape.status.options }, owner: String, reason: requiredString },
  nested,
);
const triageChangeSchema = new Schema({ at: requiredDate, actor: requiredString, changes: { type: Schema.Types.Mixed, required: true } }, nested);
const triageSchema = new Schema(
  {
    status: { type: String, required: true, enum: TriageStatusSchema.options },
    owner: String,
    issueUrl: String,
    tags: { type: [String], required: true },
    history: { type: [triageChangeSchema], required: true },
  },
  nested,
);

const alertFields = {
  _id: id,
  responseId: requiredString,
  ownerId: requiredString,
  channel: { type: String, required: true, enum: ChannelSchema.options },
  status: { type: String, required: true, enum: AlertStatusSchema.options },
  attempts: count,
  nextAttemptAt: requiredDate,
  leaseOwner: String,
  leaseUntil: Date,
  lastError: String,
  createdAt: requiredDate,
  deliveredAt: Date,
  failedAt: Date,
};
/** An alert waiting inside its item until it is inserted (the claim protocol). */
const pendingAlertSchema = new Schema(alertFields, nested);
const attemptSchema = new Schema({ at: requiredDate, status: requiredString, error: String }, nested);

/** What every item keeps, whatever its source: the inbox's fields and the pending effects. */
const itemFields = {
  _id: id,
  sourceId: requiredString,
  productArea: String,
  plan: { type: String, enum: PlanSchema.options },
  occurredAt: requiredDate,
  receivedAt: requiredDate,
  routing: { type: routingSchema, required: true },
  triage: { type: triageSchema, required: true },
  owner: String,
  words: optionalStrings,
  /** Until when the writer of a triage change's alerts holds them; absent once they are inserted. */
  triageAlertsPending: Date,
  triageAlertsClaim: String,
  triageAlerts: { type: [pendingAlertSchema], default: undefined },
  /** When the item was escalated to its secondary owner; set once (mongo-escalations.ts). */
  escalatedAt: Date,
  /** When its customer was told that their issue shipped; set once (mongo-contacts.ts). */
  toldAt: Date,
};

export const surveyItemSchema = new Schema(
  {
    ...itemFields,
    source: { type: String, required: true, enum: ['survey'] },
    projectKey: requiredString,
    surveyId: requiredString,
    kind: { type: String, required: true, enum: StoredResponseSchema.shape.kind.options },
    productArea: requiredString,
    answers: { type: answersSchema, required: true },
    category: { type: String, enum: NpsCategorySchema.options },
    hasComment: { type: Boolean, required: true },
    respondent: { type: respondentSchema, required: true },
    context: { type: contextSchema, required: true },
    day,
  },
  rootOptions('items'),
);
// The indexes of the whole collection, declared once. Lists are newest first on (occurredAt, _id).
surveyItemSchema.index({ source: 1, sourceId: 1 }, { unique: true });
surveyItemSchema.index({ occurredAt: -1, _id: -1 });
surveyItemSchema.index({ source: 1, occurredAt: -1, _id: -1 });
surveyItemSchema.index({ surveyId: 1, occurredAt: -1, _id: -1 });
surveyItemSchema.index({ owner: 1, occurredAt: -1, _id: -1 });
// An owner's items by triage status (the digest's open count), counted on the index alone.
surveyItemSchema.index({ owner: 1, 'triage.status': 1, source: 1 });
surveyItemSchema.index({ feedbackType: 1, occurredAt: -1, _id: -1 });
surveyItemSchema.index({ words: 1 });
surveyItemSchema.index({ 'respondent.userId': 1 }, { sparse: true });
surveyItemSchema.index({ triageAlertsPending: 1 }, { sparse: true });
// Escalation: new items oldest first by when they arrived, and the escalations of a week.
surveyItemSchema.index({ 'triage.status': 1, receivedAt: 1, _id: 1 });
surveyItemSchema.index({ escalatedAt: -1, _id: -1 }, { sparse: true });
// Erasure by email: the items holding that contact email, and those that person reported.
surveyItemSchema.index({ 'customer.contactEmail': 1 }, { sparse: true });
surveyItemSchema.index({ 'reporter.email': 1 }, { sparse: true });

const customerSchema = new Schema({ accountId: String, accountName: String, plan: String, region: String, contactEmail: String, mayContact: Boolean }, nested);
const reporterSchema = new Schema({ name: String, email: String }, nested);
const linkSchema = new Schema({ rel: requiredString, url: requiredString, title: String }, nested);

export const intakeItemSchema = new Schema(
  {
    ...itemFields,
    source: { type: String, required: true, enum: IntakeSourceSchema.options },
    feedbackType: String,
    title: String,
    text: requiredString,
    customer: { type: customerSchema, required: true },
    reporter: reporterSchema,
    links: { type: [linkSchema], required: true },
    details: { type: Schema.Types.Mixed, required: true },
    region: String,
  },
  rootOptions('items'),
);

export const displaySchema = new Schema(
  {
    _id: id,
    projectKey: requiredString,
    surveyId: requiredString,
    event: { type: String, required: true, enum: DisplaySchema.shape.event.options },
    userId: String,
    anonymousId: String,
    at: requiredDate,
  },
  rootOptions('displays'),
);
displaySchema.index({ at: 1 }, { expireAfterSeconds: DISPLAY_TTL_SECONDS });
displaySchema.index({ projectKey: 1, userId: 1, event: 1, at: -1 });
displaySchema.index({ projectKey: 1, anonymousId: 1, event: 1, at: -1 });
displaySchema.index({ userId: 1 });

export const alertSchema = new Schema(
  { ...alertFields, log: { type: [attemptSchema], default: undefined } },
  rootOptions('alerts'),
);
alertSchema.index({ responseId: 1, ownerId: 1, channel: 1 }, { unique: true });
alertSchema.index({ status: 1, nextAttemptAt: 1 });
alertSchema.index({ createdAt: -1, _id: -1 });
alertSchema.index({ status: 1, createdAt: -1, _id: -1 });
alertSchema.index({ ownerId: 1, createdAt: -1, _id: -1 });
alertSchema.index({ ownerId: 1, status: 1, failedAt: -1, _id: -1 });

export const claimSchema = new Schema(
  {
    _id: id,
    token: requiredString,
    until: requiredDate,
    alerts: { type: [pendingAlertSchema], required: true },
    /** A survey answer: its report counts are among the effects. */
    counted: { type: Boolean, required: true },
  },
  rootOptions('claims'),
);
claimSchema.index({ until: 1 });

export const leaseSchema = new Schema({ _id: id, holder: requiredString, until: requiredDate }, rootOptions('leases'));

export const reportDaySchema = new Schema(
  {
    _id: id,
    day,
    projectKey: requiredString,
    surveyId: requiredString,
    kind: requiredString,
    productArea: requiredString,
    plan: requiredString,
    responses: count,
    comments: count,
    promoters: count,
    passives: count,
    detractors: count,
    scores: { type: Map, of: Number },
    reasons: { type: Map, of: Number },
    /** Answers whose counts are being added (the claim protocol): each is added once. */
    applying: optionalStrings,
  },
  rootOptions('report_days'),
);
reportDaySchema.index({ day: 1, surveyId: 1, plan: 1 });

export const displayDaySchema = new Schema(
  { _id: id, day, projectKey: requiredString, surveyId: requiredString, shown: count, dismissed: count, snoozed: count },
  rootOptions('display_days'),
);
displayDaySchema.index({ day: 1, surveyId: 1 });

const schemas = {
  items: surveyItemSchema,
  intakeItems: intakeItemSchema,
  displays: displaySchema,
  alerts: alertSchema,
  leases: leaseSchema,
  claims: claimSchema,
  reportDays: reportDaySchema,
  displayDays: displayDaySchema,
};

export type ModelName = keyof typeof schemas;
export type MongoModels = Record<ModelName, Model<mongo.Document>>;

/** The models, registered on `connection` (never on mongoose's default connection). */
export function registerModels(connection: Connection): MongoModels {
  const models = {} as MongoModels;
  for (const [name, schema] of Object.entries(schemas)) models[name as ModelName] = connection.model<mongo.Document>(name, schema);
  return models;
}
