/**
 * Mongoose schemas of the five collections: field types and validation for inserts (documents are cast and
 * validated before they are written), and the indexes of `INDEXES`, declared here and created at open.
 * Enumerations come from the shared zod schemas so the two cannot drift. `strict: 'throw'` makes a field
 * missing here fail loudly instead of being dropped; `minimize: false` keeps empty objects as written.
 */
import { Schema, type SchemaOptions } from 'mongoose';
import {
  AlertStatusSchema,
  ChannelSchema,
  DisplaySchema,
  NpsCategorySchema,
  PlanSchema,
  StoredResponseSchema,
  TriageStatusSchema,
} from '@heed/shared';
import { INDEXES, type CollectionName } from './store.ts';

const nested: SchemaOptions = { _id: false, strict: 'throw', minimize: false };

function rootOptions(collection: CollectionName): SchemaOptions {
  return { collection, strict: 'throw', minimize: false, versionKey: false, id: false, autoIndex: false, autoCreate: false };
}

function withIndexes(schema: Schema, collection: CollectionName): Schema {
  for (const { fields, unique, expireAfterSeconds } of INDEXES[collection]) {
    schema.index(fields, { ...(unique && { unique }), ...(expireAfterSeconds !== undefined && { expireAfterSeconds }) });
  }
  return schema;
}

const id = { type: String, required: true };
const requiredString = { type: String, required: true };
const requiredDate = { type: Date, required: true };
const count = { type: Number, required: true, min: 0, validate: { validator: Number.isInteger, message: '{PATH} must be an integer' } };
/** Arrays stay absent unless written (mongoose would otherwise add `[]`). */
const optionalStrings = { type: [String], default: undefined };

const answersSchema = new Schema(
  {
    score: { type: Number, min: 0, max: 10, validate: { validator: Number.isInteger, message: '{PATH} must be an integer' } },
    comment: String,
    reason: String,
    reasons: optionalStrings,
  },
  nested,
);

const respondentSchema = new Schema({ userId: String, accountId: String, anonymousId: String }, nested);

const contextSchema = new Schema(
  {
    plan: { type: String, enum: PlanSchema.options },
    url: String,
    locale: String,
    extensionVersion: String,
    installId: String,
    userAgent: String,
  },
  nested,
);

const routingSchema = new Schema(
  {
    status: { type: String, required: true, enum: StoredResponseSchema.shape.routing.shape.status.options },
    owner: String,
    reason: requiredString,
  },
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

export const responseSchema = withIndexes(
  new Schema(
    {
      _id: id,
      submissionId: requiredString,
      projectKey: requiredString,
      surveyId: requiredString,
      kind: { type: String, required: true, enum: StoredResponseSchema.shape.kind.options },
      productArea: requiredString,
      answers: { type: answersSchema, required: true },
      category: { type: String, enum: NpsCategorySchema.options },
      hasComment: { type: Boolean, required: true },
      respondent: { type: respondentSchema, required: true },
      context: { type: contextSchema, required: true },
      plan: { type: String, enum: PlanSchema.options },
      receivedAt: requiredDate,
      day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
      routing: { type: routingSchema, required: true },
      triage: { type: triageSchema, required: true },
      effectsPending: Date,
    },
    rootOptions('responses'),
  ),
  'responses',
);

export const displaySchema = withIndexes(
  new Schema(
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
  ),
  'displays',
);

export const alertSchema = withIndexes(
  new Schema(
    {
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
    },
    rootOptions('alerts'),
  ),
  'alerts',
);

export const rollupSchema = withIndexes(
  new Schema(
    {
      _id: id,
      day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
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
      reasons: { type: Map, of: Number, required: true },
      applying: { type: [String], default: undefined },
    },
    rootOptions('rollups'),
  ),
  'rollups',
);

export const leaseSchema = withIndexes(new Schema({ _id: id, holder: requiredString, until: requiredDate }, rootOptions('leases')), 'leases');

export const mongoSchemas: Record<CollectionName, Schema> = {
  responses: responseSchema,
  displays: displaySchema,
  alerts: alertSchema,
  rollups: rollupSchema,
  leases: leaseSchema,
};
