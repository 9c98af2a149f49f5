/**
 * The effective config: the file's config with the settings stored from the console applied.
 *
 * Which source wins:
 * - Surveys: the file defines the surveys, their ids, kinds, projects and product areas; a stored setting
 *   overrides only the tunable fields (`SurveySettings`) of a survey the file defines. A survey added to the
 *   file appears with its file values; settings of a survey no longer in the file are ignored; settings that
 *   no longer make a valid survey with the file's definition (its kind changed) are ignored and reported.
 * - Routing: each part the stored routing settings give (owners, routes, rotation, feedback types and their
 *   DRIs) replaces the file's whole
 *   part; a part they leave out follows the file. Settings that no longer make a valid config with the file
 *   (the file's intake now names an owner the console removed) are ignored and reported: the file's routing
 *   stays in use.
 */
import {
  HeedConfigSchema,
  ROUTING_PARTS,
  SurveySchema,
  type HeedConfig,
  type RoutingPart,
  type RoutingSettings,
  type Survey,
  type SurveySettings,
  type SurveySource,
} from '@heed/shared';
import type { z } from 'zod';
import { ROUTING_SUBJECT, type SettingsChange } from '../store/settings-repository.ts';

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

export interface EffectiveRouting {
  /** Where each part in use comes from. */
  sources: Record<RoutingPart, SurveySource>;
  /** The latest stored change of the routing, if any. */
  change?: SettingsChange;
  /** Why the stored routing is not applied. */
  ignored?: string;
}

export interface EffectiveConfig {
  /** The settings version it was built at (0: the file alone). */
  version: number;
  config: HeedConfig;
  surveys: EffectiveSurvey[];
  routing: EffectiveRouting;
}

const describeIssues = (issues: readonly z.core.$ZodIssue[], whole: string) =>
  issues.map((issue) => `${issue.path.join('.') || whole}: ${issue.message}`).join('; ');

/** The survey with `settings` applied, or the schema's issues when the result is not a valid survey. */
export function withSettings(file: Survey, settings: SurveySettings): { survey: Survey } | { issues: z.core.$ZodIssue[] } {
  const parsed = SurveySchema.safeParse({ ...file, ...settings });
  return parsed.success ? { survey: parsed.data } : { issues: parsed.error.issues };
}

/** The config with the routing `settings` applied, or the schema's issues when it is no longer valid. */
export function withRouting(file: HeedConfig, settings: RoutingSettings): { config: HeedConfig } | { issues: z.core.$ZodIssue[] } {
  const { rotation, ...rest } = { ...file, ...settings };
  const parsed = HeedConfigSchema.safeParse(rotation === null ? rest : { ...rest, rotation });
  return parsed.success ? { config: parsed.data } : { issues: parsed.error.issues };
}

/** The routing settings' problems in words, for a refusal or for `ignored`. */
export const routingProblems = (issues: readonly z.core.$ZodIssue[]) => describeIssues(issues, '(config)');

const fileRouting = (change?: SettingsChange, ignored?: string): EffectiveRouting => ({
  sources: { owners: 'file', routes: 'file', rotation: 'file', feedbackTypes: 'file' },
  ...(change && { change }),
  ...(ignored !== undefined && { ignored }),
});

function applyRouting(file: HeedConfig, change: SettingsChange | undefined): { base: HeedConfig; routing: EffectiveRouting } {
  const settings = change?.settings as RoutingSettings | undefined;
  if (!change || !settings || Object.keys(settings).length === 0) return { base: file, routing: fileRouting(change) };
  const applied = withRouting(file, settings);
  if ('issues' in applied) return { base: file, routing: fileRouting(change, routingProblems(applied.issues)) };
  const sources = Object.fromEntries(ROUTING_PARTS.map((part) => [part, settings[part] === undefined ? 'file' : 'console'])) as Record<RoutingPart, SurveySource>;
  return { base: applied.config, routing: { sources, change } };
}

export function effectiveConfig(file: HeedConfig, version: number, changes: readonly SettingsChange[]): EffectiveConfig {
  const latest = new Map(changes.map((change) => [change.subject, change]));
  const { base, routing } = applyRouting(file, latest.get(ROUTING_SUBJECT));
  const surveys = file.surveys.map((fileSurvey): EffectiveSurvey => {
    const change = latest.get(fileSurvey.id);
    const settings = change?.settings as SurveySettings | undefined;
    if (!change || !settings || Object.keys(settings).length === 0) return { survey: fileSurvey, file: fileSurvey, source: 'file', ...(change && { change }) };
    const applied = withSettings(fileSurvey, settings);
    if ('issues' in applied) return { survey: fileSurvey, file: fileSurvey, source: 'file', change, ignored: describeIssues(applied.issues, '(survey)') };
    return { survey: applied.survey, file: fileSurvey, source: 'console', change };
  });
  const config = version === 0 ? file : { ...base, surveys: surveys.map((entry) => entry.survey) };
  return { version, config, surveys, routing };
}
