import { z } from 'zod';
import { PlanSchema } from './primitives.ts';

const Id = z.string().min(1).max(200);

/** A BCP 47 language tag such as `en`, `pt-BR` or `zh-Hant-TW`. */
export const LocaleSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as "en" or "pt-BR"');

/** Query of `GET /v1/projects/:key/surveys`: naming the person adds when they were last shown a survey. */
export const PublicSurveysQuerySchema = z.object({
  userId: Id.optional(),
  anonymousId: Id.optional(),
});
export type PublicSurveysQuery = z.output<typeof PublicSurveysQuerySchema>;

/**
 * Query of the hosted survey page `GET /s/:surveyId` (uninstall and link surveys): context that is stored
 * with the answer. `version` is the short name extensions use in their uninstall URL (which Chrome caps at
 * 1023 characters). Other parameters (campaign tags) are ignored.
 */
export const HostedPageQuerySchema = z.object({
  installId: z.string().max(200).optional(),
  version: z.string().max(50).optional(),
  extensionVersion: z.string().max(50).optional(),
  locale: LocaleSchema.optional(),
  plan: PlanSchema.optional(),
});
export type HostedPageQuery = z.output<typeof HostedPageQuerySchema>;
