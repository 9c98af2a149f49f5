import { z } from 'zod';
import { NpsCategorySchema, PlanSchema, ProjectKeySchema, SlugSchema } from './primitives.ts';
import { AnswersSchema, RespondentSchema, ResponseContextSchema } from './submission.ts';
import { SURVEY_KINDS } from './survey.ts';

export const TriageStatusSchema = z.enum(['new', 'acknowledged', 'actioned', 'closed']);
export type TriageStatus = z.infer<typeof TriageStatusSchema>;

export const RoutingSchema = z.object({
  /** `routed`: an owner was chosen; `unrouted`: it needed one but none matched; `skipped`: nothing to route. */
  status: z.enum(['routed', 'unrouted', 'skipped']),
  owner: SlugSchema.optional(),
  /** Why: `route:<index>`, `rotation`, `no-owner`, `not-actionable`. */
  reason: z.string(),
});
export type Routing = z.infer<typeof RoutingSchema>;

export const TriageChangeSchema = z.object({
  at: z.date(),
  actor: z.string(),
  changes: z.record(z.string(), z.unknown()),
});

export const TriageSchema = z.object({
  status: TriageStatusSchema,
  owner: SlugSchema.optional(),
  issueUrl: z.string().optional(),
  tags: z.array(z.string()),
  history: z.array(TriageChangeSchema),
});
export type Triage = z.infer<typeof TriageSchema>;

/** A stored response, as kept by every Store adapter (`_id` is Heed's response id). */
export const StoredResponseSchema = z.object({
  _id: z.string(),
  submissionId: z.string(),
  projectKey: ProjectKeySchema,
  surveyId: SlugSchema,
  kind: z.enum(SURVEY_KINDS),
  productArea: SlugSchema,
  answers: AnswersSchema,
  category: NpsCategorySchema.optional(),
  hasComment: z.boolean(),
  respondent: RespondentSchema,
  context: ResponseContextSchema,
  plan: PlanSchema.optional(),
  receivedAt: z.date(),
  /** UTC day of `receivedAt`, `YYYY-MM-DD`, the rollup key. */
  day: z.string(),
  routing: RoutingSchema,
  triage: TriageSchema,
});
export type StoredResponse = z.infer<typeof StoredResponseSchema>;
