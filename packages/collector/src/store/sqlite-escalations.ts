/**
 * Escalation on SQLite: candidates read on the partial index `items_awaiting` (routed, `new`, never
 * escalated), and the marker set by a conditional update in the same transaction as the history entry and
 * the alerts, so a second escalation of the same item changes nothing.
 */
import type Database from 'better-sqlite3';
import type { IntakeSource } from '@heed/shared';
import type { GroupCommit } from './group-commit.ts';
import { insertAlerts } from './sqlite-alerts.ts';
import { decodeResponse, encodeResponse, ms } from './sqlite-codec.ts';
import { decodeItem, encodeItem } from './sqlite-items.ts';
import type { EscalationRepository, EscalationWrite, InboxEntry } from './store.ts';

interface Row {
  source: string;
  doc: string;
}

function entryOf(row: Row): InboxEntry {
  return row.source === 'survey'
    ? { source: 'survey', response: decodeResponse(row.doc) }
    : { source: row.source as IntakeSource, item: decodeItem(row.doc) };
}

export function sqliteEscalations(db: Database.Database, commit: GroupCommit): EscalationRepository {
  const awaiting = db.prepare(
    `SELECT source, doc FROM items INDEXED BY items_awaiting
     WHERE status = 'new' AND escalated_at IS NULL AND owner IS NOT NULL AND received_at < ?
     ORDER BY received_at, id LIMIT ?`,
  );
  const awaitingAfter = db.prepare(
    `SELECT source, doc FROM items INDEXED BY items_awaiting
     WHERE status = 'new' AND escalated_at IS NULL AND owner IS NOT NULL AND received_at < ? AND (received_at, id) > (?, ?)
     ORDER BY received_at, id LIMIT ?`,
  );
  const candidate = db.prepare(`SELECT source, doc FROM items WHERE id = ? AND status = 'new' AND escalated_at IS NULL`);
  const mark = db.prepare('UPDATE items SET escalated_at = ?, doc = ? WHERE id = ? AND escalated_at IS NULL');
  const between = db.prepare(
    `SELECT source, doc FROM items INDEXED BY items_escalated
     WHERE escalated_at IS NOT NULL AND escalated_at >= ? AND escalated_at < ? ORDER BY escalated_at DESC, id DESC LIMIT ?`,
  );

  function escalate(id: string, { at, change, alerts }: EscalationWrite): boolean {
    const row = candidate.get(id) as Row | undefined;
    if (!row) return false;
    let doc: string;
    if (row.source === 'survey') {
      const response = decodeResponse(row.doc);
      response.triage.history.push(change);
      doc = encodeResponse(response);
    } else {
      const item = decodeItem(row.doc);
      item.triage.history.push(change);
      doc = encodeItem(item);
    }
    if (mark.run(ms(at), doc, id).changes === 0) return false;
    insertAlerts(db, alerts);
    return true;
  }

  return {
    async awaitingAcknowledgement(before, limit, after) {
      const rows = after ? awaitingAfter.all(ms(before), ms(after.at), after.id, limit) : awaiting.all(ms(before), limit);
      return (rows as Row[]).map(entryOf);
    },
    escalate: (id, write) => commit.run(() => escalate(id, write)),
    async escalatedBetween(from, to, limit) {
      return (between.all(ms(from), ms(to), limit) as Row[]).map(entryOf);
    },
  };
}
