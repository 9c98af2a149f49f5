import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Triage, TriageStatus } from '@heed/shared';
import { DATABASE_FILE, openSqliteStore } from './sqlite-store.ts';
import { MIGRATIONS, migrate } from './sqlite-migrations.ts';
import { makeItem, makeResponse } from './store-fixtures.ts';
import type { ResponseFilter, Store } from './store.ts';

const OWNERS = ['pm-editor', 'pm-growth'];
const STATUSES: TriageStatus[] = ['new', 'acknowledged', 'actioned', 'closed'];
/** The migration that counts each owner's items (owner_counts). */
const COUNTED = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE owner_counts'));

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'heed-sqlite-responses-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Every owner x status count the counters answer, beside the same count read from the rows. */
async function counts(store: Store): Promise<{ counted: number[]; read: number[] }> {
  const counted: number[] = [];
  const read: number[] = [];
  for (const owner of OWNERS) {
    for (const status of [...STATUSES.map((s) => [s]), ['new', 'acknowledged'] as TriageStatus[], undefined]) {
      const filter: ResponseFilter = { owner, ...(status && { status }) };
      counted.push(await store.responses.count(filter));
      // A time range is no shape the counters keep: counted from the rows.
      read.push(await store.responses.count({ ...filter, from: new Date(0) }));
    }
  }
  return { counted, read };
}

describe('SQLite responses: the owner counts', () => {
  it('keep what the rows hold through answers, triage changes, intake items and erasure', async () => {
    const store = await openSqliteStore({ dataDir: await tempDir() });
    for (let n = 0; n < 30; n += 1) {
      const owner = n % 3 === 0 ? undefined : OWNERS[n % 2];
      await store.responses.record(makeResponse(n, { respondent: { userId: `user-${n % 10}` }, ...(owner && { routing: { status: 'routed' as const, owner, reason: 'route:0' } }) }), []);
    }
    for (let n = 0; n < 5; n += 1) await store.items.record(makeItem(n, { routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' } }), []);
    const first = await counts(store);
    expect(first.counted).toEqual(first.read);
    expect(await store.responses.count({ owner: 'pm-editor', status: ['new', 'acknowledged'] })).toBe(10);

    // Triage: a status change, a reassignment, an unassignment back to the routed owner.
    const change = (status: TriageStatus) => ({ at: new Date(), actor: 'pm', changes: { status } });
    const changes: [string, Omit<Triage, 'history'>][] = [
      ['resp-1', { status: 'acknowledged', tags: [] }],
      ['resp-2', { status: 'new', owner: 'pm-editor', tags: [] }],
      ['resp-4', { status: 'closed', owner: 'pm-growth', tags: [] }],
      ['resp-3', { status: 'actioned', owner: 'pm-growth', tags: [] }],
    ];
    for (const [id, next] of changes) {
      const response = await store.responses.get(id);
      expect(await store.responses.updateTriage(id, { expected: response!.triage, next, change: change(next.status), alerts: [] })).not.toBe('conflict');
    }
    const item = (await store.items.get('item-1'))!;
    await store.items.updateTriage('item-1', { expected: item.triage, next: { status: 'closed', tags: [] }, change: change('closed'), alerts: [] });
    const triaged = await counts(store);
    expect(triaged.counted).toEqual(triaged.read);
    expect(triaged.counted).not.toEqual(first.counted);

    expect((await store.eraseRespondent('user-1')).responses).toBeGreaterThan(0);
    const erased = await counts(store);
    expect(erased.counted).toEqual(erased.read);
    await store.close();
  });

  it('are counted from the rows a database held before them', async () => {
    const dataDir = await tempDir();
    const path = join(dataDir, DATABASE_FILE);
    const early = new Database(path);
    early.pragma('journal_mode = WAL');
    migrate(early, path, COUNTED);
    const insert = early.prepare(
      `INSERT INTO items (id, source, source_id, project_key, survey_id, kind, product_area, has_comment, owner, status, received_at, occurred_at, doc)
       VALUES (?, 'survey', ?, 'pk_demo', 'app-nps', 'nps', 'editor', 0, ?, ?, 0, 0, ?)`,
    );
    for (let n = 0; n < 12; n += 1) {
      const response = makeResponse(n);
      insert.run(response._id, response.submissionId, n % 4 === 0 ? null : OWNERS[n % 2], STATUSES[n % 3], JSON.stringify(response));
    }
    early.close();
    const store = await openSqliteStore({ dataDir });
    const { counted, read } = await counts(store);
    expect(counted).toEqual(read);
    expect(counted.some((n) => n > 0)).toBe(true);
    await store.close();
  });
});

describe('SQLite responses: the digest reads indexes and counters, not rows', () => {
  it('plans each of its queries on a covering index, the counters or the commented index', async () => {
    const dataDir = await tempDir();
    const statements: string[] = [];
    const prepare = Database.prototype.prepare;
    const spy = vi.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, sql: string) {
      statements.push(sql);
      return prepare.call(this, sql);
    } as typeof prepare);
    const store = await openSqliteStore({ dataDir });
    const week = { anyOf: [{ owner: 'pm-editor' }, { productArea: 'editor' }], from: new Date(0), to: new Date(1e12) };
    const run = async (query: () => Promise<unknown>) => {
      const before = statements.length;
      await query();
      const prepared = statements.slice(before);
      expect(prepared).toHaveLength(1);
      return prepared[0]!;
    };
    const shapes = {
      openCount: await run(() => store.responses.count({ owner: 'pm-editor', status: ['new', 'acknowledged'] })),
      tally: await run(() => store.responses.tally(week)),
      comments: await run(() => store.responses.page({ ...week, hasComment: true }, 5)),
      intake: await run(() => store.items.countBySource({ owner: 'pm-editor', from: new Date(0), to: new Date(1e12) })),
    };
    await store.close();
    spy.mockRestore();

    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const plan = (sql: string) => {
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('; ');
    };
    // The open count reads the owner's counters, not one entry per item ever routed to them.
    expect(plan(shapes.openCount)).toMatch(/^SEARCH owner_counts USING PRIMARY KEY \(owner=\? AND status=\?/);
    // A week's tally walks the week's entries of the newest-first index; rows only for cancel/uninstall reasons.
    expect(plan(shapes.tally)).toBe('SEARCH items USING INDEX items_newest_covering (received_at>? AND received_at<?)');
    // The newest comments: the commented index newest first, stopping at the limit (no sort).
    expect(plan(shapes.comments)).toBe('SEARCH items USING INDEX items_commented (received_at>? AND received_at<?)');
    // The intake count: the owner's entries of the week, from the index alone.
    expect(plan(shapes.intake)).toMatch(/^SEARCH items USING COVERING INDEX items_owner_occurred \(owner=\? AND occurred_at>\? AND occurred_at<\?\)/);
    // The tally's counts alone need no row at all.
    expect(plan(shapes.tally.replace(/,\s*json_group_array[^]*?AS given/, ''))).toBe('SEARCH items USING COVERING INDEX items_newest_covering (received_at>? AND received_at<?)');
    db.close();
  });
});
