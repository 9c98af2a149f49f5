/**
 * The alert outbox on SQLite. Leases and outcomes are conditional updates: a claim takes the due alert only
 * if no live lease holds it, and an outcome is recorded only while the claimant's lease is the current one.
 * Every attempt is kept in `alert_attempts`.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { dateOrUndefined, ms } from './sqlite-codec.ts';
import { Conditions } from './sqlite-conditions.ts';
import { StatementCache } from './statement-cache.ts';
import type { AlertAttempt, AlertDoc, AlertFilter, AlertRepository } from './store.ts';

interface AlertRow {
  id: string;
  response_id: string;
  owner_id: string;
  channel: AlertDoc['channel'];
  status: AlertDoc['status'];
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  failed_at: number | null;
}

function alertOf(row: AlertRow): AlertDoc {
  const leaseUntil = dateOrUndefined(row.lease_until);
  const deliveredAt = dateOrUndefined(row.delivered_at);
  const failedAt = dateOrUndefined(row.failed_at);
  return {
    _id: row.id,
    responseId: row.response_id,
    ownerId: row.owner_id,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    ...(row.lease_owner !== null && { leaseOwner: row.lease_owner }),
    ...(leaseUntil && { leaseUntil }),
    ...(row.last_error !== null && { lastError: row.last_error }),
    createdAt: new Date(row.created_at),
    ...(deliveredAt && { deliveredAt }),
    ...(failedAt && { failedAt }),
  };
}

const insertStatements = new WeakMap<Database.Database, Database.Statement>();

/** Inserts alerts inside the caller's transaction; one already there for its (response, owner, channel) is kept. */
export function insertAlerts(db: Database.Database, alerts: AlertDoc[]): number {
  if (alerts.length === 0) return 0;
  let insert = insertStatements.get(db);
  if (!insert) {
    insert = db.prepare(
      `INSERT INTO alerts (id, response_id, owner_id, channel, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    insertStatements.set(db, insert);
  }
  let added = 0;
  for (const alert of alerts) {
    added += insert.run(alert._id, alert.responseId, alert.ownerId, alert.channel, alert.status, alert.attempts, ms(alert.nextAttemptAt), ms(alert.createdAt)).changes;
  }
  return added;
}

export function sqliteAlerts(db: Database.Database, commit: GroupCommit): AlertRepository {
  const statements = new StatementCache(db);
  const claim = db.prepare(
    `UPDATE alerts SET lease_owner = ?, lease_until = ?
     WHERE id = (SELECT id FROM alerts WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                 ORDER BY next_attempt_at LIMIT 1)
     RETURNING *`,
  );
  const settle = db.prepare(
    `UPDATE alerts SET status = @status, attempts = attempts + 1, next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at),
       last_error = @error, delivered_at = @deliveredAt, failed_at = @failedAt, lease_owner = NULL, lease_until = NULL
     WHERE id = @id AND status = 'pending' AND lease_owner = @holder AND lease_until = @leaseUntil`,
  );
  const release = db.prepare('UPDATE alerts SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND lease_until = ?');
  const logAttempt = db.prepare('INSERT INTO alert_attempts (alert_id, at, status, error) VALUES (?, ?, ?, ?)');
  const byId = db.prepare('SELECT * FROM alerts WHERE id = ?');
  const attemptsOf = db.prepare('SELECT at, status, error FROM alert_attempts WHERE alert_id = ? ORDER BY at, rowid');
  const requeue = db.prepare(
    `UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, failed_at = NULL,
       lease_owner = NULL, lease_until = NULL
     WHERE id = ? AND status = 'failed' RETURNING *`,
  );
  const failed = db.prepare(
    `SELECT * FROM alerts WHERE owner_id = ? AND status = 'failed' AND failed_at >= ? AND failed_at < ?
     ORDER BY failed_at DESC LIMIT ?`,
  );

  return {
    enqueue: (alerts) => commit.run(() => insertAlerts(db, alerts)),
    async claimNextDue(holder, now, leaseUntil) {
      const row = await commit.run(() => claim.get(holder, ms(leaseUntil), ms(now), ms(now)) as AlertRow | undefined);
      return row ? alertOf(row) : null;
    },
    recordAttempt(id, holder, leaseUntil, attempt) {
      return commit.run(() => {
        const changed = settle.run({
          id,
          holder,
          leaseUntil: ms(leaseUntil),
          status: attempt.status === 'retry' ? 'pending' : attempt.status,
          nextAttemptAt: attempt.status === 'retry' ? ms(attempt.nextAttemptAt) : null,
          error: attempt.status === 'delivered' ? null : attempt.error,
          deliveredAt: attempt.status === 'delivered' ? ms(attempt.at) : null,
          failedAt: attempt.status === 'failed' ? ms(attempt.at) : null,
        }).changes;
        if (changed === 0) return false;
        logAttempt.run(id, ms(attempt.at), attempt.status, attempt.status === 'delivered' ? null : attempt.error);
        return true;
      });
    },
    releaseLease(id, holder, leaseUntil) {
      return commit.run(() => release.run(id, holder, ms(leaseUntil)).changes === 1);
    },
    async get(id) {
      const row = byId.get(id) as AlertRow | undefined;
      return row ? alertOf(row) : null;
    },
    async page(filter: AlertFilter, limit, after) {
      const where = new Conditions().eq('status', filter.status).eq('owner_id', filter.ownerId).eq('channel', filter.channel).eq('response_id', filter.responseId);
      if (after) where.add('(created_at, id) < (?, ?)', ms(after.at), after.id);
      const rows = statements.get(`SELECT * FROM alerts WHERE ${where.sql} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...where.params, limit) as AlertRow[];
      return rows.map(alertOf);
    },
    async attempts(id) {
      return (attemptsOf.all(id) as { at: number; status: AlertAttempt['status']; error: string | null }[]).map((row) => ({
        at: new Date(row.at),
        status: row.status,
        ...(row.error !== null && { error: row.error }),
      }));
    },
    async requeueFailed(id, now) {
      const row = await commit.run(() => requeue.get(ms(now), id) as AlertRow | undefined);
      return row ? alertOf(row) : null;
    },
    async failedBetween(ownerId, from, to, limit) {
      return (failed.all(ownerId, ms(from), ms(to), limit) as AlertRow[]).map(alertOf);
    },
  };
}
