import { z } from 'zod';
import { FeedbackSourceSchema, RegionSchema } from './feedback-item.ts';
import { PlanSchema, SlugSchema } from './primitives.ts';
import { TriageStatusSchema } from './response.ts';

/** A date (`2026-11-01`) or a date-time (`2026-11-01T10:00:00Z`) in a query string. */
const When = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/**
 * Query of `GET /v1/items` and `GET /v1/items.csv`: the inbox of every source (survey answers included).
 * `from` / `to` bound when the feedback happened, `to` exclusive; `q` is a full-text search of the text
 * (every word, the last one as a prefix).
 */
export const ItemQuerySchema = z.strictObject({
  source: FeedbackSourceSchema.optional(),
  feedbackType: SlugSchema.optional(),
  owner: SlugSchema.optional(),
  status: TriageStatusSchema.optional(),
  plan: PlanSchema.optional(),
  region: RegionSchema.optional(),
  productArea: SlugSchema.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  from: When.optional(),
  to: When.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ItemQuery = z.output<typeof ItemQuerySchema>;
