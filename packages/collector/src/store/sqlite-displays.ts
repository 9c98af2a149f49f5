/**
 * Displays on SQLite. `seenBy` runs on every page view of an identified person: it reads only that
 * person's index range (user id or anonymous id, project, `shown`), grouped by survey.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import type { DisplayDoc, DisplayRepository, SeenRecord } from './store.ts';

export function sqliteDisplays(db: Database.Database, commit: GroupCommit): DisplayRepository {
  const insert = db.prepare(
    `INSERT INTO displays (id, project_key, survey_id, event, user_id, anonymous_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const countDay = db.prepare(
    `INSERT INTO display_days (day, survey_id, project_key, shown, dismissed, snoozed) VALUES (@day, @surveyId, @projectKey, @shown, @dismissed, @snoozed)
     ON CONFLICT (day, survey_id) DO UPDATE SET
       shown = shown + excluded.shown, dismissed = dismissed + excluded.dismissed, snoozed = snoozed + excluded.snoozed`,
  );
  const byUser = db.prepare(
    `SELECT survey_id AS surveyId, max(at) AS at FROM displays
     WHERE user_id = ? AND project_key = ? AND event = 'shown' GROUP BY survey_id`,
  );
  const byAnonymous = db.prepare(
    `SELECT survey_id AS surveyId, max(at) AS at FROM displays
     WHERE anonymous_id = ? AND project_key = ? AND event = 'shown' GROUP BY survey_id`,
  );

  function store(display: DisplayDoc): boolean {
    const { changes } = insert.run(display._id, display.projectKey, display.surveyId, display.event, display.userId ?? null, display.anonymousId ?? null, ms(display.at));
    if (changes === 0) return false;
    countDay.run({
      day: display.at.toISOString().slice(0, 10),
      surveyId: display.surveyId,
      projectKey: display.projectKey,
      shown: display.event === 'shown' ? 1 : 0,
      dismissed: display.event === 'dismissed' ? 1 : 0,
      snoozed: display.event === 'snoozed' ? 1 : 0,
    });
    return true;
  }

  return {
    record: (display) => commit.run(() => store(display)),
    async seenBy(projectKey, { userId, anonymousId }) {
      const seen: SeenRecord = { lastShownAt: {}, lastAnyShownAt: null };
      const rows = [
        ...(userId ? (byUser.all(userId, projectKey) as { surveyId: string; at: number }[]) : []),
        ...(anonymousId ? (byAnonymous.all(anonymousId, projectKey) as { surveyId: string; at: number }[]) : []),
      ];
      let latest = -Infinity;
      for (const { surveyId, at } of rows) {
        const known = seen.lastShownAt[surveyId];
        if (!known || known.getTime() < at) seen.lastShownAt[surveyId] = new Date(at);
        latest = Math.max(latest, at);
      }
      if (rows.length > 0) seen.lastAnyShownAt = new Date(latest);
      return seen;
    },
  };
}
