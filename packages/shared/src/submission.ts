import { z } from 'zod';
import { PlanSchema, ProjectKeySchema, SlugSchema } from './primitives.ts';

const Id = z.string().min(1).max(200);

export const AnswersSchema = z.strictObject({
  score: z.number().int().min(0).max(10).optional(),
  comment: z.string().max(5000).optional(),
  /** Single reason (cancel form). */
  reason: SlugSchema.optional(),
  /** Several reasons (uninstall exit survey). */
  reasons: z.array(SlugSchema).max(30).optional(),
});
export type Answers = z.infer<typeof AnswersSchema>;

export const RespondentSchema = z.strictObject({
  userId: Id.optional(),
  accountId: Id.optional(),
  anonymousId: Id.optional(),
});
export type Respondent = z.infer<typeof RespondentSchema>;

export const ResponseContextSchema = z.strictObject({
  plan: PlanSchema.optional(),
  url: z.string().max(2048).optional(),
  locale: z.string().max(35).optional(),
  extensionVersion: z.string().max(50).optional(),
  installId: z.string().max(200).optional(),
  userAgent: z.string().max(500).optional(),
});
export type ResponseContext = z.infer<typeof ResponseContextSchema>;

/** Body of `POST /v1/responses`. The client-made `submissionId` makes retries idempotent. */
export const SubmissionSchema = z.strictObject({
  submissionId: z.uuid(),
  projectKey: ProjectKeySchema,
  surveyId: SlugSchema,
  answers: AnswersSchema,
  respondent: RespondentSchema.default({}),
  context: ResponseContextSchema.default({}),
});
export type SubmissionInput = z.input<typeof SubmissionSchema>;
export type Submission = z.output<typeof SubmissionSchema>;

/** Body of `POST /v1/displays`: a survey was shown, dismissed or snoozed. */
export const DisplaySchema = z.strictObject({
  displayId: z.uuid(),
  projectKey: ProjectKeySchema,
  surveyId: SlugSchema,
  event: z.enum(['shown', 'dismissed', 'snoozed']),
  respondent: RespondentSchema.default({}),
});
export type DisplayInput = z.input<typeof DisplaySchema>;
export type Display = z.output<typeof DisplaySchema>;

/** `202 {id, duplicate:false}` for a new answer, `200 {id, duplicate:true}` for a repeat. */
export interface IngestResult {
  id: string;
  duplicate: boolean;
}

/** The error body of every 4xx/5xx. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
}
