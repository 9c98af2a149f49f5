/**
 * The Surveys view's form as plain text fields, and the settings it stands for: only what differs from the
 * config file's definition is sent, so an untouched field keeps following the file (and a form equal to
 * the file sends `{}`, the survey's file definition).
 */
import type { Survey, SurveySettings, SurveySource } from '@heed/shared';

/** A survey as `GET /v1/surveys` lists it. */
export interface ListedSurvey {
  id: string;
  kind: Survey['kind'];
  project: string;
  productArea: string;
  source: SurveySource;
  survey: Survey;
  file: Survey;
  settings: SurveySettings;
  change?: SettingsChangeView;
  ignored?: string;
}

export interface SettingsChangeView {
  version: number;
  at: string;
  actor: string;
  settings: SurveySettings;
}

export interface ReasonRow {
  id: string;
  label: string;
}

export interface SurveyForm {
  active: boolean;
  question: string;
  /** NPS: by category; CSAT: `passive` unused, the one label in `single`. */
  followUp: { promoter: string; passive: string; detractor: string; single: string };
  reasons: ReasonRow[];
  events: string;
  delayMs: string;
  sampleRate: string;
  recontactDays: string;
  placement: string;
}

export const targeted = (survey: Survey): survey is Extract<Survey, { kind: 'nps' | 'csat' }> => survey.kind === 'nps' || survey.kind === 'csat';

export function formOf(survey: Survey): SurveyForm {
  const followUp = { promoter: '', passive: '', detractor: '', single: '' };
  if (survey.kind === 'nps') Object.assign(followUp, survey.followUp ?? {});
  if (survey.kind === 'csat') followUp.single = survey.followUp ?? '';
  return {
    active: survey.active,
    question: survey.question ?? '',
    followUp,
    reasons: survey.kind === 'cancel' || survey.kind === 'uninstall' ? survey.reasons.map((reason) => ({ ...reason })) : [],
    events: targeted(survey) ? survey.events.join(', ') : '',
    delayMs: targeted(survey) ? String(survey.delayMs) : '',
    sampleRate: targeted(survey) ? String(survey.sampleRate) : '',
    recontactDays: targeted(survey) ? String(survey.recontactDays) : '',
    placement: targeted(survey) ? survey.placement : '',
  };
}

/** Text as a number; text that is not one is sent as is, for the collector to refuse with the field's name. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** The settings the form stands for, relative to the file's definition. */
export function settingsOf(form: SurveyForm, file: Survey): SurveySettings {
  const wanted: Record<string, unknown> = { active: form.active };
  const question = form.question.trim();
  if (question !== '') wanted.question = question;
  if (file.kind === 'nps') {
    const followUp = Object.fromEntries(
      (['promoter', 'passive', 'detractor'] as const).map((category) => [category, form.followUp[category].trim()]).filter(([, text]) => text !== ''),
    );
    if (Object.keys(followUp).length > 0) wanted.followUp = followUp;
  }
  if (file.kind === 'csat' && form.followUp.single.trim() !== '') wanted.followUp = form.followUp.single.trim();
  if (file.kind === 'cancel' || file.kind === 'uninstall') wanted.reasons = form.reasons.map((reason) => ({ id: reason.id.trim(), label: reason.label.trim() }));
  if (targeted(file)) {
    wanted.events = [...new Set(form.events.split(',').map((event) => event.trim()).filter((event) => event !== ''))];
    wanted.delayMs = numberOf(form.delayMs);
    wanted.sampleRate = numberOf(form.sampleRate);
    wanted.recontactDays = numberOf(form.recontactDays);
    wanted.placement = form.placement;
  }
  const settings: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (JSON.stringify(value) !== JSON.stringify((file as Record<string, unknown>)[field])) settings[field] = value;
  }
  return settings as SurveySettings;
}

/** One line per field a change set, for the history: `question: "…"`, `active: off`. */
export function describeSettings(settings: SurveySettings): string[] {
  const lines = Object.entries(settings).map(([field, value]) => {
    if (field === 'active') return value ? 'offered' : 'not offered';
    if (field === 'reasons') return `reasons: ${(value as ReasonRow[]).map((reason) => reason.label).join(', ')}`;
    if (field === 'events') return `events: ${(value as string[]).join(', ') || 'none (page load)'}`;
    if (typeof value === 'object' && value !== null) {
      return `${field}: ${Object.entries(value).map(([key, text]) => `${key} "${String(text)}"`).join(', ')}`;
    }
    return typeof value === 'string' ? `${field}: "${value}"` : `${field}: ${String(value)}`;
  });
  return lines.length === 0 ? ['back to the config file'] : lines;
}
