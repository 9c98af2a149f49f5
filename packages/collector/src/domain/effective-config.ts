/**
 * The effective config: the file's config with the survey settings stored in the console applied.
 *
 * Which source wins: the file defines the surveys, their ids, kinds, projects and product areas; a stored
 * setting overrides only the tunable fields (`SurveySettings`) of a survey the file defines. A survey added
 * to the file appears with its file values; settings of a survey no longer in the file are ignored; settings
 * that no longer make a valid survey with the file's definition (its kind changed) are ignored and reported.
 */
import { SurveySchema, type HeedConfig, type Survey, type SurveySettings, type SurveySource } from '@heed/shared';
import type { z } from 'zod';
import type { SettingsChange } from '../store/settings-repository.ts';

export interface EffectiveSurvey {
  /** What the collector serves and validates answers against. */
  survey: Survey;
  /** The file's definition. */
  file: Survey;
  source: SurveySource;
  /** The latest stored change of its settings, if any. */
  change?: SettingsChange;
  /** Why the stored settings are not applied (they no longer fit the file's definition). */
  ignored?: string;
}

export interface EffectiveConfig {
  /** The settings version it was built at (0: the file alone). */
  version: number;
  config: HeedConfig;
  surveys: EffectiveSurvey[];
}

/** The survey with `settings` applied, or the schema's issues when the result is not a valid survey. */
export function withSettings(file: Survey, settings: SurveySettings): { survey: Survey } | { issues: z.core.$ZodIssue[] } {
  const parsed = SurveySchema.safeParse({ ...file, ...settings });
  return parsed.success ? { survey: parsed.data } : { issues: parsed.error.issues };
}

export function effectiveConfig(file: HeedConfig, version: number, changes: readonly SettingsChange[]): EffectiveConfig {
  const latest = new Map(changes.map((change) => [change.surveyId, change]));
  const surveys = file.surveys.map((fileSurvey): EffectiveSurvey => {
    const change = latest.get(fileSurvey.id);
    if (!change || Object.keys(change.settings).length === 0) return { survey: fileSurvey, file: fileSurvey, source: 'file', ...(change && { change }) };
    const applied = withSettings(fileSurvey, change.settings);
    if ('issues' in applied) {
      const ignored = applied.issues.map((issue) => `${issue.path.join('.') || '(survey)'}: ${issue.message}`).join('; ');
      return { survey: fileSurvey, file: fileSurvey, source: 'file', change, ignored };
    }
    return { survey: applied.survey, file: fileSurvey, source: 'console', change };
  });
  const config = version === 0 ? file : { ...file, surveys: surveys.map((entry) => entry.survey) };
  return { version, config, surveys };
}
