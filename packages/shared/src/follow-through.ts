import { z } from 'zod';
import { HttpUrlSchema, SlugSchema } from './primitives.ts';

/**
 * Follow-through settings and answers: escalation of items their owner has not acknowledged, the weekly
 * team update, issues that feedback is linked to, and the "tell them" message that closes the loop.
 */

/** An IANA time zone name that this runtime knows. */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .refine(
    (name) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: name });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be an IANA time zone such as "Europe/Berlin"' },
  );

/**
 * Escalation: an item its owner has not acknowledged within `businessDays` (Monday to Friday in the owner's
 * time zone) goes to the feedback type's secondary owner. Off unless configured.
 */
export const EscalationSchema = z.strictObject({
  businessDays: z.number().int().min(1).max(60).default(2),
  /** Business days per feedback type, where they differ from the default. */
  byFeedbackType: z.record(SlugSchema, z.number().int().min(1).max(60)).default({}),
  /** Who stands in for survey answers, which have no feedback type. */
  surveySecondaryOwner: SlugSchema.optional(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

/** The weekly team update ("the Friday update"): where it goes, and when. */
export const TeamUpdateSchema = z
  .strictObject({
    name: z.string().min(1).max(200).default('Team'),
    email: z.email().optional(),
    slackWebhookUrl: HttpUrlSchema.optional(),
    webhookUrl: HttpUrlSchema.optional(),
    webhookSecret: z.string().min(16, 'must be at least 16 characters').optional(),
    weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']).default('friday'),
    hour: z.number().int().min(0).max(23).default(15),
    timeZone: TimeZoneSchema.default('UTC'),
  })
  .refine((update) => !update.webhookUrl || update.webhookSecret, {
    error: 'webhookSecret is required when webhookUrl is set',
    path: ['webhookSecret'],
  })
  .refine((update) => update.email || update.slackWebhookUrl || update.webhookUrl, {
    error: 'needs at least one of email, slackWebhookUrl, webhookUrl',
  });
export type TeamUpdateSettings = z.infer<typeof TeamUpdateSchema>;

/** Body of `POST /v1/items/:id/issue`: the issue or feature an item is linked to. */
export const IssueLinkBodySchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  title: z.string().min(1).max(500).optional(),
});
export type IssueLinkBody = z.infer<typeof IssueLinkBodySchema>;

export const IssueStateSchema = z.enum(['open', 'closed']);
export type IssueState = z.infer<typeof IssueStateSchema>;

/** Query of `GET /v1/issues`. */
export const IssueQuerySchema = z.strictObject({
  /** Newest first, or by how many ask (`asking`). */
  sort: z.enum(['newest', 'asking']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the page before, in the same order. */
  cursor: z.string().max(500).optional(),
});
export type IssueQuery = z.output<typeof IssueQuerySchema>;
