/**
 * Feedback items from intake paths on SQLite, in the `items` table beside survey answers (source `survey`),
 * so one inbox pages over every source on one index. An item and its alerts commit together.
 */
import type Database from 'better-sqlite3';
import type { FeedbackSource, IntakeSource } from '@heed/shared';
import type { GroupCommit } from './group-commit.ts';
import { insertAlerts } from './sqlite-alerts.ts';
import { decodeResponse, ms } from './sqlite-codec.ts';
import { Conditions } from './sqlite-conditions.ts';
import { keysetStream, STREAM_BATCH } from './keyset-stream.ts';
import { StatementCache } from './statement-cache.ts';
import type { TextQueue } from './sqlite-text-queue.ts';
import type { AlertDoc, InboxEntry, ItemDoc, ItemFilter, ItemRepository, ItemRevision, Position, TriageUpdate } from './store.ts';

/** Items belong to no project; the column is for survey answers. */
const NO_PROJECT = '';
const KIND = 'feedback';

export function encodeItem(item: ItemDoc): string {
  return JSON.stringify(item);
}

export function decodeItem(doc: string): ItemDoc {
  const item = JSON.parse(doc) as ItemDoc;
  item.occurredAt = new Date(item.occurredAt);
  item.receivedAt = new Date(item.receivedAt);
  for (const change of item.triage.history) change.at = new Date(change.at);
  return item;
}

function entryOf(row: { source: string; doc: string }): InboxEntry {
  return row.source === 'survey'
    ? { source: 'survey', response: decodeResponse(row.doc) }
    : { source: row.source as IntakeSource, item: decodeItem(row.doc) };
}

function whereOf(filter: ItemFilter): Conditions {
  return new Conditions()
    .eq('source', filter.source)
    .eq('feedback_type', filter.feedbackType)
    .eq('product_area', filter.productArea)
    .eq('plan', filter.plan)
    .eq('region', filter.region)
    .eq('owner', filter.owner)
    .in('status', filter.status)
    .range('occurred_at', filter.from, filter.to)
    .search(filter.search);
}

/** The text an item is found by: its title and its text. */
/** What full-text search reads of an intake item. */
export function searchableText(item: Pick<ItemDoc, 'title' | 'text'>): string {
  return item.title ? `${item.title}\n${item.text}` : item.text;
}

export function sqliteItems(db: Database.Database, commit: GroupCommit, text: TextQueue): ItemRepository {
  const statements = new StatementCache(db);
  // A search reads the text index: the survey comments queued for it are indexed first.
  const where = (filter: ItemFilter) => {
    if (filter.search !== undefined) text.catchUp();
    return whereOf(filter);
  };
  const insert = db.prepare(
    `INSERT INTO items (id, source, source_id, project_key, kind, product_area, plan, has_comment, owner, status,
       received_at, occurred_at, feedback_type, region, doc)
     VALUES (@id, @source, @sourceId, '${NO_PROJECT}', '${KIND}', @productArea, @plan, 1, @owner, @status,
       @receivedAt, @occurredAt, @feedbackType, @region, @doc)
     ON CONFLICT (source, source_id) DO NOTHING`,
  );
  const indexText = db.prepare('INSERT INTO items_text (rowid, text) VALUES (?, ?)');
  const unindexText = db.prepare('DELETE FROM items_text WHERE rowid = ?');
  const idBySource = db.prepare('SELECT id FROM items WHERE source = ? AND source_id = ?').pluck();
  const rowBySource = db.prepare('SELECT rowid, doc FROM items WHERE source = ? AND source_id = ?');
  const docById = db.prepare(`SELECT doc FROM items WHERE id = ? AND source <> 'survey'`).pluck();
  const updateDoc = db.prepare('UPDATE items SET doc = ? WHERE rowid = ?');
  const updateTriageRow = db.prepare('UPDATE items SET owner = ?, status = ?, doc = ? WHERE id = ?');

  function store(item: ItemDoc, alerts: AlertDoc[]): { id: string; duplicate: boolean } {
    const inserted = insert.run({
      id: item._id,
      source: item.source,
      sourceId: item.sourceId,
      productArea: item.productArea ?? null,
      plan: item.customer.plan ?? null,
      owner: item.triage.owner ?? item.routing.owner ?? null,
      status: item.triage.status,
      receivedAt: ms(item.receivedAt),
      occurredAt: ms(item.occurredAt),
      feedbackType: item.feedbackType ?? null,
      region: item.customer.region ?? null,
      doc: encodeItem(item),
    });
    if (inserted.changes === 0) return { id: idBySource.get(item.source, item.sourceId) as string, duplicate: true };
    indexText.run(inserted.lastInsertRowid, searchableText(item));
    insertAlerts(db, alerts);
    return { id: item._id, duplicate: false };
  }

  function revise(source: IntakeSource, sourceId: string, revision: ItemRevision): ItemDoc | null {
    const row = rowBySource.get(source, sourceId) as { rowid: number; doc: string } | undefined;
    if (!row) return null;
    const item = decodeItem(row.doc);
    if (revision.title !== undefined) item.title = revision.title;
    if (revision.text !== undefined) item.text = revision.text;
    if (revision.links !== undefined) item.links = revision.links;
    if (revision.details !== undefined) item.details = { ...item.details, ...revision.details };
    updateDoc.run(encodeItem(item), row.rowid);
    if (revision.title !== undefined || revision.text !== undefined) {
      unindexText.run(row.rowid);
      indexText.run(row.rowid, searchableText(item));
    }
    return item;
  }

  function page(filter: ItemFilter, limit: number, after?: Position): InboxEntry[] {
    const condition = where(filter);
    const keyset = after ? ' AND (occurred_at, id) < (?, ?)' : '';
    const params = after ? [...condition.params, ms(after.at), after.id] : condition.params;
    const sql = `SELECT source, doc FROM items WHERE ${condition.sql}${keyset} ORDER BY occurred_at DESC, id DESC LIMIT ?`;
    return (statements.get(sql).all(...params, limit) as { source: string; doc: string }[]).map(entryOf);
  }

  function applyTriage(id: string, { expected, next, change, alerts }: TriageUpdate): ItemDoc | null | 'conflict' {
    const doc = docById.get(id) as string | undefined;
    if (doc === undefined) return null;
    const item = decodeItem(doc);
    const current = item.triage;
    const same =
      current.status === expected.status &&
      current.owner === expected.owner &&
      current.issueUrl === expected.issueUrl &&
      current.tags.join('\n') === expected.tags.join('\n') &&
      current.history.length === expected.history.length;
    if (!same) return 'conflict';
    item.triage = { ...next, history: [...current.history, change] };
    if (item.triage.owner === undefined) delete item.triage.owner;
    if (item.triage.issueUrl === undefined) delete item.triage.issueUrl;
    updateTriageRow.run(item.triage.owner ?? item.routing.owner ?? null, item.triage.status, encodeItem(item), id);
    insertAlerts(db, alerts);
    return item;
  }

  return {
    record: (item, alerts) => commit.run(() => store(item, alerts)),
    revise: (source, sourceId, revision) => commit.run(() => revise(source, sourceId, revision)),
    async get(id) {
      const doc = docById.get(id) as string | undefined;
      return doc === undefined ? null : decodeItem(doc);
    },
    async bySource(source, sourceId) {
      const row = rowBySource.get(source, sourceId) as { doc: string } | undefined;
      return row ? decodeItem(row.doc) : null;
    },
    async page(filter, limit, after) {
      return page(filter, limit, after);
    },
    stream: (filter) =>
      keysetStream(
        (after) => page(filter, STREAM_BATCH, after),
        (last) => (last.source === 'survey' ? { at: last.response.receivedAt, id: last.response._id } : { at: last.item.occurredAt, id: last.item._id }),
      ),
    updateTriage: (id, update) => commit.run(() => applyTriage(id, update)),
    async countBySource(filter) {
      const condition = where(filter);
      const rows = statements.get(`SELECT source, count(*) AS n FROM items WHERE ${condition.sql} GROUP BY source`).all(...condition.params) as { source: FeedbackSource; n: number }[];
      return Object.fromEntries(rows.map((row) => [row.source, row.n]));
    },
  };
}
