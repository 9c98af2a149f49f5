/**
 * Survey comments indexed for search behind their answers (sqlite-text-queue.ts): on a real store, a search
 * finds what was stored just before it and what a crash left queued; on the queue itself, with a database
 * file at the current schema, comments are indexed within a second, erased items never are, and a row id
 * given again indexes the newer item.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './sqlite-migrations.ts';
import { DATABASE_FILE, openSqliteStore } from './sqlite-store.ts';
import { makeResponse } from './store-fixtures.ts';
import { TEXT_BATCH, TextQueue } from './sqlite-text-queue.ts';

const dirs: string[] = [];
async function dir(): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), 'heed-text-queue-'));
  dirs.push(made);
  return made;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((made) => rm(made, { recursive: true, force: true })));
});

const withComment = (n: number, comment: string) => makeResponse(n, { answers: { score: 3, comment }, hasComment: true });

describe('on a store', () => {
  it('finds an answer by its comment in the search right after it is stored', async () => {
    const store = await openSqliteStore({ dataDir: await dir() });
    try {
      await store.responses.record(withComment(1, 'Exporting large files is slow'), []);
      expect((await store.responses.page({ search: 'export' }, 10)).map((response) => response._id)).toEqual([withComment(1, '')._id]);
      expect(await store.items.page({ search: 'slow' }, 10)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('indexes, at the next start, a comment a crash left queued', async () => {
    const dataDir = await dir();
    const first = await openSqliteStore({ dataDir });
    await first.responses.record(withComment(1, 'The editor froze'), []);
    await first.close();
    // As a crash between the answer's commit and its indexing leaves it: queued, not in the index.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.exec('DELETE FROM items_text; INSERT INTO items_text_queue (item_rowid) SELECT rowid FROM items');
    db.close();
    const again = await openSqliteStore({ dataDir });
    try {
      expect(await again.responses.page({ search: 'froze' }, 10)).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});

describe('the queue', () => {
  let db: Database.Database | undefined;
  let queue: TextQueue | undefined;
  afterEach(() => {
    queue?.close();
    db?.close();
    queue = db = undefined;
  });

  async function open(): Promise<{ db: Database.Database; queue: TextQueue; insert: (n: number, comment: string) => number }> {
    const path = join(await dir(), DATABASE_FILE);
    db = new Database(path);
    migrate(db, path);
    queue = new TextQueue(db);
    const row = db.prepare(
      `INSERT INTO items (id, source, source_id, project_key, kind, has_comment, status, received_at, occurred_at, doc)
       VALUES (?, 'survey', ?, 'pk_demo', 'nps', 1, 'new', 0, 0, ?)`,
    );
    const insert = (n: number, comment: string) => Number(row.run(`item-${n}`, `submission-${n}`, JSON.stringify({ answers: { comment } })).lastInsertRowid);
    return { db, queue, insert };
  }

  const found = (on: Database.Database, term: string) => on.prepare('SELECT rowid FROM items_text WHERE items_text MATCH ?').pluck().all(term);
  const queued = (on: Database.Database) => on.prepare('SELECT count(*) FROM items_text_queue').pluck().get();

  it('indexes what is queued within about a second, without a search', async () => {
    const { db, queue, insert } = await open();
    queue.add(insert(1, 'checkout keeps failing'));
    expect(found(db, 'checkout')).toEqual([]);
    await expect.poll(() => found(db, 'checkout'), { timeout: 3_000, interval: 100 }).toHaveLength(1);
    expect(queued(db)).toBe(0);
  });

  it('never indexes an item erased before its turn', async () => {
    const { db, queue, insert } = await open();
    const rowid = insert(1, 'my email is someone@example.com');
    queue.add(rowid);
    db.prepare('DELETE FROM items WHERE rowid = ?').run(rowid);
    queue.catchUp();
    expect(found(db, 'someone')).toEqual([]);
    expect(queued(db)).toBe(0);
  });

  it('indexes the newer item when SQLite gives an erased row id again', async () => {
    const { db, queue, insert } = await open();
    const erased = insert(1, 'first comment');
    queue.add(erased);
    db.prepare('DELETE FROM items WHERE rowid = ?').run(erased);
    const reused = insert(2, 'second comment');
    expect(reused).toBe(erased);
    queue.add(reused);
    queue.catchUp();
    expect(found(db, 'first')).toEqual([]);
    expect(found(db, 'second')).toEqual([reused]);
  });

  it('catches up on more than one batch before a search', async () => {
    const { db, queue, insert } = await open();
    db.transaction(() => {
      for (let n = 0; n < TEXT_BATCH + 3; n += 1) queue.add(insert(n, `comment number${n}`));
    })();
    queue.catchUp();
    expect(queued(db)).toBe(0);
    expect(found(db, `number${TEXT_BATCH + 2}`)).toHaveLength(1);
    expect(found(db, 'comment')).toHaveLength(TEXT_BATCH + 3);
  });
});
