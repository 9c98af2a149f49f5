import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';
import { WalSync } from './wal-sync.ts';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'heed-group-commit-'));
  db = new Database(join(dir, 'test.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('group commit', () => {
  it('acknowledges a write only once the sync after its commit has finished', async () => {
    const sync = deferred();
    const commit = new GroupCommit(db, () => sync.promise);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    let acknowledged = 0;
    const writes = [1, 2, 3].map((n) => commit.run(() => insert.run(n)).then(() => (acknowledged += 1)));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    // Committed (readable), not yet acknowledged.
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3);
    expect(acknowledged).toBe(0);
    sync.resolve();
    await Promise.all(writes);
    expect(acknowledged).toBe(3);
  });

  it('refuses the group and every later write once a sync fails', async () => {
    const commit = new GroupCommit(db, () => Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' })));
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    await expect(commit.run(() => insert.run(1))).rejects.toThrow(/could not make its writes durable/);
    expect(commit.failure?.cause).toMatchObject({ code: 'EIO' });
    await expect(commit.run(() => insert.run(2))).rejects.toThrow(/could not make its writes durable/);
    expect(db.prepare('SELECT n FROM t').pluck().all()).toEqual([1]);
  });

  it('syncs the real log: writes made together share a sync, and close waits for it', async () => {
    const walSync = new WalSync(join(dir, 'test.sqlite-wal'));
    let syncs = 0;
    const commit = new GroupCommit(db, () => {
      syncs += 1;
      return walSync.afterCommit();
    });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    await Promise.all(Array.from({ length: 50 }, (_, n) => commit.run(() => insert.run(n))));
    expect(syncs).toBe(1);
    const pending = commit.run(() => insert.run(50));
    commit.close();
    await walSync.close();
    await pending;
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(51);
  });

  it('has nothing to sync before the log exists', async () => {
    await expect(new WalSync(join(dir, 'absent.sqlite-wal')).afterCommit()).resolves.toBeUndefined();
  });
});
