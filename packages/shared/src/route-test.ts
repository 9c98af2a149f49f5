/**
 * `POST /v1/routes/test`: "who would get this answer?" The facts of an answer routing looks at; a survey
 * id supplies its kind and product area, or they are given.
 */
import { z } from 'zod';
import { RegionSchema } from './feedback-item.ts';
import { PlanSchema, SlugSchema } from './primitives.ts';
import { SURVEY_KINDS } from './survey.ts';

export const RouteTestBodySchema = z
  .strictObject({
    surveyId: SlugSchema.optional(),
    kind: z.enum(SURVEY_KINDS).optional(),
    productArea: SlugSchema.optional(),
    /** NPS 0-10 or CSAT 1-5. */
    score: z.number().int().min(0).max(10).optional(),
    comment: z.string().max(5000).optional(),
    plan: PlanSchema.optional(),
    region: RegionSchema.optional(),
  })
  .refine((facts) => facts.surveyId !== undefined || (facts.kind !== undefined && facts.productArea !== undefined), {
    error: 'give surveyId, or kind and productArea',
    path: ['surveyId'],
  });
export type RouteTestBody = z.output<typeof RouteTestBodySchema>;
