/** The Store contract's console settings repository (its adapters: sqlite-settings.ts, mongo-settings.ts). */
import type { RoutingSettings, SurveySettings } from '@heed/shared';

/**
 * What a change is about: a survey, by its id (a slug), or `ROUTING_SUBJECT`, the owners, routes and
 * rotation together. Not a slug, so no survey can take it.
 */
export type SettingsSubject = string;
export const ROUTING_SUBJECT: SettingsSubject = '#routing';

/** One console change: the whole override set it leaves for its subject, who made it and when. */
export interface SettingsChange {
  /** Store-wide, increasing by one per change: a collector re-reads the settings when it moves. */
  version: number;
  subject: SettingsSubject;
  at: Date;
  actor: string;
  /** `SurveySettings` for a survey, `RoutingSettings` for the routing; checked by the domain on save. */
  settings: SurveySettings | RoutingSettings;
}

/**
 * Settings edited in the console while collectors run (domain/settings.ts): every change is kept, numbered in
 * one sequence across subjects, so a collector polls one number to learn that something changed.
 */
export interface SettingsRepository {
  /** The latest change's version; 0 when nothing was ever changed. */
  version(): Promise<number>;
  /**
   * Appends a change under the next version, durably, and answers it. With `basedOn` (the version of the
   * subject's latest change the editor started from; 0: the subject had none), nothing is stored and
   * `'changed'` is answered when the subject has a later change by then, so of two edits made on the same
   * version one is stored and the other is told, never silently overwritten.
   */
  save(change: Omit<SettingsChange, 'version'>, basedOn?: number): Promise<SettingsChange | 'changed'>;
  /** Each subject's latest change, with the version they were read at. */
  current(): Promise<{ version: number; changes: SettingsChange[] }>;
  /** A subject's changes, newest first, up to `limit`. */
  history(subject: SettingsSubject, limit: number): Promise<SettingsChange[]>;
}
