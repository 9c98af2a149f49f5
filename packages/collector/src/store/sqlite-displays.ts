/**
 * Displays on SQLite. `seenBy` runs on every page view of an identified person: it reads that person's rows
 * of `seen` (one per survey they were shown, kept as each `shown` display is stored, in its commit), not
 * their displays, so it costs the same after a thousand displays as after one.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import type { DisplayDoc, DisplayRepository, SeenRecord } from './store.ts';

const userKey = (userId: string) => `user:${userId}`;
const anonymousKey = (anonymousId: string) => `anon:${anonymousId}`;

/** The repository, and the erasure of a user's displays for the store's `eraseRespondent` (in its commit). */
export interface SqliteDisplays extends DisplayRepository {
  /** Deletes the user's displays and what `seen` kept of them; answers how many displays went. */
  eraseUser(userId: string): number;
}

export function sqliteDisplays(db: Database.Database, commit: GroupCommit): SqliteDisplays {
  const insert = db.prepare(
    `INSERT INTO displays (id, project_key, survey_id, event, user_id, anonymous_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const countDay = db.prepare(
    `INSERT INTO display_days (day, survey_id, project_key, shown, dismissed, snoozed) VALUES (@day, @surveyId, @projectKey, @shown, @dismissed, @snoozed)
     ON CONFLICT (day, survey_id) DO UPDATE SET
       shown = shown + excluded.shown, dismissed = dismissed + excluded.dismissed, snoozed = snoozed + excluded.snoozed`,
  );
  const markSeen = db.prepare(
    `INSERT INTO seen (person, project_key, survey_id, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (person, project_key, survey_id) DO UPDATE SET at = max(at, excluded.at)`,
  );
  // NULL for a person not given: it matches no row. A survey shown to both the user and the device has a row
  // for each; the latest is kept below, which costs less than grouping in SQL (a third of the statement's time).
  const seenRows = db
    .prepare('SELECT survey_id, at FROM seen WHERE person IN (?, ?) AND project_key = ?')
    .raw() as Database.Statement<[string | null, string | null, string], [string, number]>;
  const erasure = {
    anonymousIds: db.prepare('SELECT DISTINCT anonymous_id FROM displays WHERE user_id = ? AND anonymous_id IS NOT NULL').pluck(),
    displays: db.prepare('DELETE FROM displays WHERE user_id = ?'),
    forget: db.prepare('DELETE FROM seen WHERE person = ?'),
    // What an anonymous id was shown on displays that named no erased user, read again from those.
    recount: db.prepare(
      `INSERT INTO seen (person, project_key, survey_id, at)
       SELECT 'anon:' || anonymous_id, project_key, survey_id, max(at) FROM displays
       WHERE anonymous_id = ? AND event = 'shown' GROUP BY project_key, survey_id`,
    ),
  };

  function store(display: DisplayDoc): boolean {
    const at = ms(display.at);
    const { changes } = insert.run(display._id, display.projectKey, display.surveyId, display.event, display.userId ?? null, display.anonymousId ?? null, at);
    if (changes === 0) return false;
    if (display.event === 'shown') {
      if (display.userId) markSeen.run(userKey(display.userId), display.projectKey, display.surveyId, at);
      if (display.anonymousId) markSeen.run(anonymousKey(display.anonymousId), display.projectKey, display.surveyId, at);
    }
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
      if (!userId && !anonymousId) return seen;
      let latest = -Infinity;
      for (const [surveyId, at] of seenRows.all(userId ? userKey(userId) : null, anonymousId ? anonymousKey(anonymousId) : null, projectKey)) {
        const known = seen.lastShownAt[surveyId];
        if (!known || known.getTime() < at) seen.lastShownAt[surveyId] = new Date(at);
        latest = Math.max(latest, at);
      }
      if (latest > -Infinity) seen.lastAnyShownAt = new Date(latest);
      return seen;
    },
    eraseUser(userId) {
      const anonymousIds = erasure.anonymousIds.all(userId) as string[];
      const { changes } = erasure.displays.run(userId);
      erasure.forget.run(userKey(userId));
      for (const anonymousId of anonymousIds) {
        erasure.forget.run(anonymousKey(anonymousId));
        erasure.recount.run(anonymousId);
      }
      return changes;
    },
  };
}
