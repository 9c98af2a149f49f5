/**
 * Console settings on SQLite: one row per change in `console_settings`, the version its integer primary key
 * (the next one taken inside the write's transaction, so versions never repeat or go back); a save based on
 * a version checks the subject's latest in the same transaction.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import type { SettingsChange, SettingsRepository } from './settings-repository.ts';

interface Row {
  version: number;
  subject: string;
  at: number;
  actor: string;
  doc: string;
}

function changeOf(row: Row): SettingsChange {
  return { version: row.version, subject: row.subject, at: new Date(row.at), actor: row.actor, settings: JSON.parse(row.doc) as SettingsChange['settings'] };
}

export function sqliteSettings(db: Database.Database, commit: GroupCommit): SettingsRepository {
  const latest = db.prepare('SELECT COALESCE(MAX(version), 0) FROM console_settings').pluck();
  const insert = db.prepare(
    'INSERT INTO console_settings (version, subject, at, actor, doc) VALUES ((SELECT COALESCE(MAX(version), 0) + 1 FROM console_settings), ?, ?, ?, ?) RETURNING *',
  );
  const current = db.prepare(
    `SELECT * FROM console_settings WHERE version IN (SELECT MAX(version) FROM console_settings GROUP BY subject) ORDER BY subject`,
  );
  const history = db.prepare('SELECT * FROM console_settings WHERE subject = ? ORDER BY version DESC LIMIT ?');
  const subjectLatest = db.prepare('SELECT COALESCE(MAX(version), 0) FROM console_settings WHERE subject = ?').pluck();
  const read = db.transaction(() => ({ version: latest.get() as number, changes: (current.all() as Row[]).map(changeOf) }));

  return {
    async version() {
      return latest.get() as number;
    },
    save({ subject, at, actor, settings }, basedOn) {
      return commit.run(() => {
        // Inside the write's transaction: no other change can come between the check and the insert.
        if (basedOn !== undefined && subjectLatest.get(subject) !== basedOn) return 'changed' as const;
        return changeOf(insert.get(subject, ms(at), actor, JSON.stringify(settings)) as Row);
      });
    },
    async current() {
      return read();
    },
    async history(subject, limit) {
      return (history.all(subject, limit) as Row[]).map(changeOf);
    },
  };
}
