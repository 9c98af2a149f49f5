import { z } from 'zod';
import { DEFAULT_RECONTACT_DAYS, type SeenRecord } from './eligibility.ts';
import { ProjectKeySchema, SlugSchema } from './primitives.ts';

export const ReasonSchema = z.strictObject({
  id: SlugSchema,
  label: z.string().min(1).max(200),
});
export type Reason = z.infer<typeof ReasonSchema>;

const SurveyBase = {
  id: SlugSchema,
  project: ProjectKeySchema,
  /** Owning part of the product; routing rules match on it. */
  productArea: SlugSchema,
  /** Inactive surveys are not served to the widget and refuse new answers. */
  active: z.boolean().default(true),
  /** Overrides of the built-in UI strings, per field. */
  question: z.string().min(1).max(300).optional(),
};

export const PlacementSchema = z.enum(['bottom-right', 'center', 'inline']);

export const NpsSurveySchema = z.strictObject({
  ...SurveyBase,
  kind: z.literal('nps'),
  /** Days before the same person is asked this survey again. */
  recontactDays: z.number().int().min(0).max(3650).default(DEFAULT_RECONTACT_DAYS),
  /** Share of eligible people who are asked, 0-1. */
  sampleRate: z.number().min(0).max(1).default(1),
  /** Wait after the trigger before showing, in ms. */
  delayMs: z.number().int().min(0).max(600_000).default(0),
  placement: PlacementSchema.default('bottom-right'),
  /** Show when `heed.track(event)` names one of these; with none, show on page load. */
  events: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** Follow-up prompt for the comment, by NPS category. */
  followUp: z
    .strictObject({
      promoter: z.string().min(1).max(300).optional(),
      passive: z.string().min(1).max(300).optional(),
      detractor: z.string().min(1).max(300).optional(),
    })
    .optional(),
});

/**
 * Customer satisfaction: "How satisfied are you with ...?" on a 1-5 scale, then an optional comment. It is
 * targeted like NPS (events, delay, sampling, recontact window, placement); `question` words it.
 */
export const CsatSurveySchema = z.strictObject({
  ...SurveyBase,
  kind: z.literal('csat'),
  recontactDays: z.number().int().min(0).max(3650).default(DEFAULT_RECONTACT_DAYS),
  sampleRate: z.number().min(0).max(1).default(1),
  delayMs: z.number().int().min(0).max(600_000).default(0),
  placement: PlacementSchema.default('bottom-right'),
  events: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** Label of the optional comment asked once a score is chosen. */
  followUp: z.string().min(1).max(300).optional(),
});

export const UninstallSurveySchema = z.strictObject({
  ...SurveyBase,
  kind: z.literal('uninstall'),
  reasons: z.array(ReasonSchema).min(1).max(30),
});

export const CancelSurveySchema = z.strictObject({
  ...SurveyBase,
  kind: z.literal('cancel'),
  reasons: z.array(ReasonSchema).min(1).max(30),
});

export const SurveySchema = z.discriminatedUnion('kind', [NpsSurveySchema, CsatSurveySchema, UninstallSurveySchema, CancelSurveySchema]);
/** Every kind of survey, for enums elsewhere (stored responses, route rules, filters). */
export const SURVEY_KINDS = ['nps', 'csat', 'uninstall', 'cancel'] as const;
export type NpsSurvey = z.infer<typeof NpsSurveySchema>;
export type CsatSurvey = z.infer<typeof CsatSurveySchema>;
export type UninstallSurvey = z.infer<typeof UninstallSurveySchema>;
export type CancelSurvey = z.infer<typeof CancelSurveySchema>;
export type Survey = z.infer<typeof SurveySchema>;
export type SurveyKind = Survey['kind'];

/** What `GET /v1/projects/:key/surveys` returns: what the widget needs, nothing internal. */
export interface PublicSurveysBody {
  project: { key: string; cooldownDays: number };
  surveys: Survey[];
  /**
   * Present when the request names a person (`?userId=` or `?anonymousId=`): when the collector last
   * recorded a display for them, per survey and across the project (ISO timestamps), so recontact windows
   * and the cooldown hold across devices.
   */
  seen?: SeenRecord;
}
