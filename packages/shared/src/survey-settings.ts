/**
 * What the console may change of a survey while the collector runs: its wording, its reasons, its
 * targeting and whether it is on. The config file defines every survey and its id, kind, project and
 * product area; these settings override only the tunable fields, and the result must still be a valid
 * survey (checked against `SurveySchema`). A survey's settings are replaced whole by each change: a field
 * left out falls back to the file's value.
 */
import { z } from 'zod';
import { PlacementSchema, ReasonSchema } from './survey.ts';

const Wording = z.string().min(1).max(300);

export const SurveySettingsSchema = z.strictObject({
  active: z.boolean().optional(),
  question: Wording.optional(),
  /** NPS: by category; CSAT: one label. */
  followUp: z
    .union([Wording, z.strictObject({ promoter: Wording.optional(), passive: Wording.optional(), detractor: Wording.optional() })])
    .optional(),
  /** Cancel and uninstall surveys. */
  reasons: z.array(ReasonSchema).min(1).max(30).optional(),
  events: z.array(z.string().min(1).max(100)).max(50).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  sampleRate: z.number().min(0).max(1).optional(),
  recontactDays: z.number().int().min(0).max(3650).optional(),
  placement: PlacementSchema.optional(),
});
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

/** The fields `SurveySettings` may set, in the order the console shows them. */
export const TUNABLE_SURVEY_FIELDS = Object.keys(SurveySettingsSchema.shape) as (keyof SurveySettings)[];

/** Where a survey's effective definition comes from. */
export type SurveySource = 'file' | 'console';
