/** The Store contract's survey settings repository (its adapters: sqlite-settings.ts, mongo-settings.ts). */
import type { SurveySettings } from '@heed/shared';

/** One change of a survey's settings: the whole override set it leaves, who made it and when. */
export interface SettingsChange {
  /** Store-wide, increasing by one per change: a collector re-reads the settings when it moves. */
  version: number;
  surveyId: string;
  at: Date;
  actor: string;
  settings: SurveySettings;
}

/**
 * Survey settings edited while collectors run (domain/settings.ts): every change is kept, numbered in one
 * sequence across surveys, so a collector polls one number to learn that something changed.
 */
export interface SettingsRepository {
  /** The latest change's version; 0 when nothing was ever changed. */
  version(): Promise<number>;
  /** Appends a change under the next version, durably, and answers it. */
  save(change: Omit<SettingsChange, 'version'>): Promise<SettingsChange>;
  /** Each survey's latest change, with the version they were read at. */
  current(): Promise<{ version: number; changes: SettingsChange[] }>;
  /** A survey's changes, newest first, up to `limit`. */
  history(surveyId: string, limit: number): Promise<SettingsChange[]>;
}
