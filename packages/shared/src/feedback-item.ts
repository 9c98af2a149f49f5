import { z } from 'zod';
import { PlanSchema, SlugSchema } from './primitives.ts';
import { RoutingSchema, TriageSchema } from './response.ts';

/**
 * Where a feedback item came from. Survey answers are items of source `survey` (stored as responses); the
 * others arrive through an intake path: forwarded email, Slack's "Send to Heed", GitHub, helpdesk and CRM
 * cases, staff notes (sales calls, support, manual entry), CSV imports.
 */
export const FeedbackSourceSchema = z.enum(['survey', 'email', 'slack', 'github', 'support', 'sales-call', 'case', 'csat', 'manual', 'import']);
export type FeedbackSource = z.infer<typeof FeedbackSourceSchema>;

/** Sources an item can arrive from other than the in-product surveys. */
export const IntakeSourceSchema = FeedbackSourceSchema.exclude(['survey']);
export type IntakeSource = z.infer<typeof IntakeSourceSchema>;

export const RegionSchema = z.string().min(1).max(50);

export const CustomerSchema = z.strictObject({
  accountId: z.string().min(1).max(200).optional(),
  accountName: z.string().min(1).max(200).optional(),
  plan: PlanSchema.optional(),
  region: RegionSchema.optional(),
  /** A contact of the customer's, for closing the loop. */
  contactEmail: z.email().optional(),
  /** The contact agreed to hear back about this feedback (the "tell them" message when its issue ships). */
  mayContact: z.boolean().optional(),
});
export type Customer = z.infer<typeof CustomerSchema>;

export const ReporterSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  email: z.email().optional(),
});
export type Reporter = z.infer<typeof ReporterSchema>;

export const ItemLinkSchema = z.strictObject({
  /** What the link is: `message`, `issue`, `ticket`, `case`, `recording`, ... */
  rel: z.string().min(1).max(50),
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().max(500).optional(),
});
export type ItemLink = z.infer<typeof ItemLinkSchema>;

/**
 * What an intake path hands in: one piece of feedback from outside the surveys. The same original
 * (`source` + `sourceId`) is one item however often it arrives.
 */
export const FeedbackDraftSchema = z.strictObject({
  source: IntakeSourceSchema,
  /** The original's id in its source (message id, issue node, case number, CSV row key). */
  sourceId: z.string().min(1).max(500),
  /** One of the config's `feedbackTypes`. */
  feedbackType: SlugSchema.optional(),
  productArea: SlugSchema.optional(),
  title: z.string().max(500).optional(),
  text: z.string().min(1).max(20_000),
  customer: CustomerSchema.default({}),
  reporter: ReporterSchema.optional(),
  links: z.array(ItemLinkSchema).max(20).default([]),
  /** When it happened (the call, the message); default: when it arrived. */
  occurredAt: z.coerce.date().optional(),
  /** Source-specific facts worth keeping (a case's type and resolution, a GitHub issue's state and labels). */
  details: z.record(z.string().max(100), z.string().max(5000)).default({}),
});
export type FeedbackDraftInput = z.input<typeof FeedbackDraftSchema>;
export type FeedbackDraft = z.output<typeof FeedbackDraftSchema>;

/** A stored feedback item from an intake path (`_id` is Heed's item id). */
export const StoredItemSchema = FeedbackDraftSchema.extend({
  _id: z.string(),
  occurredAt: z.date(),
  receivedAt: z.date(),
  routing: RoutingSchema,
  triage: TriageSchema,
});
export type StoredItem = z.infer<typeof StoredItemSchema>;
