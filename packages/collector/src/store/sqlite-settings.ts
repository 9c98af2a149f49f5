/**
 * Survey settings on SQLite: one row per change in `survey_settings`, the version its integer primary key
 * (the next one taken inside the write's transaction, so versions never repeat or go back).
 */
import type Database from 'better-sqlite3';
import type { SurveySettings } from '@heed/shared';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import type { SettingsChange, SettingsRepository } from './settings-repository.ts';

interface Row {
  version: number;
  survey_id: string;
  at: number;
  actor: string;
  doc: string;
}

function changeOf(row: Row): SettingsChange {
  return { version: row.version, surveyId: row.survey_id, at: new Date(row.at), actor: row.actor, settings: JSON.parse(row.doc) as SurveySettings };
}

export function sqliteSettings(db: Database.Database, commit: GroupCommit): SettingsRepository {
  const latest = db.prepare('SELECT COALESCE(MAX(version), 0) FROM survey_settings').pluck();
  const insert = db.prepare(
    'INSERT INTO survey_settings (version, survey_id, at, actor, doc) VALUES ((SELECT COALESCE(MAX(version), 0) + 1 FROM survey_settings), ?, ?, ?, ?) RETURNING *',
  );
  const current = db.prepare(
    `SELECT * FROM survey_settings WHERE version IN (SELECT MAX(version) FROM survey_settings GROUP BY survey_id) ORDER BY survey_id`,
  );
  const history = db.prepare('SELECT * FROM survey_settings WHERE survey_id = ? ORDER BY version DESC LIMIT ?');
  const read = db.transaction(() => ({ version: latest.get() as number, changes: (current.all() as Row[]).map(changeOf) }));

  return {
    async version() {
      return latest.get() as number;
    },
    save({ surveyId, at, actor, settings }) {
      return commit.run(() => changeOf(insert.get(surveyId, ms(at), actor, JSON.stringify(settings)) as Row));
    },
    async current() {
      return read();
    },
    async history(surveyId, limit) {
      return (history.all(surveyId, limit) as Row[]).map(changeOf);
    },
  };
}
