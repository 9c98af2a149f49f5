import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openSqliteStore } from './sqlite-store.ts';
import { MIGRATIONS, migrate } from './sqlite-migrations.ts';
import { storeContract } from './store-contract.ts';
import { makeAlert, makeDisplay, makeResponse } from './store-fixtures.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'heed-sqlite-'));
}

storeContract('SQLite store', async () => {
  const dataDir = await tempDir();
  const store = await openSqliteStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store files', () => {
  const dirs: string[] = [];
  const dir = async () => {
    const path = await tempDir();
    dirs.push(path);
    return path;
  };
  afterEach(async () => {
    for (const path of dirs.splice(0)) await rm(path, { recursive: true, force: true });
  });

  it('keeps what it acknowledged across a close and a reopen', async () => {
    const dataDir = await dir();
    const store = await openSqliteStore({ dataDir });
    await store.responses.record(makeResponse(1), [makeAlert(1)]);
    await store.close();
    const again = await openSqliteStore({ dataDir });
    expect(await again.responses.get('resp-1')).toEqual(makeResponse(1));
    expect((await again.alerts.get('alert-1'))?.status).toBe('pending');
    expect(await again.responses.record(makeResponse(2, { submissionId: makeResponse(1).submissionId }), [])).toEqual({ id: 'resp-1', duplicate: true });
    await again.close();
  });

  it('filled in bulk, lets its log grow before copying it into the database', async () => {
    // 200 commits of 100 displays with random ids: each rewrites pages all over the id index, so the log
    // passes SQLite's default of 1,000 pages (4 MB) many times over. The collector copies it back then and
    // reuses the file from its start; a bulk fill lets it grow.
    const logBytes = async (bulk: boolean) => {
      const dataDir = await dir();
      const store = await openSqliteStore({ dataDir, bulk });
      for (let group = 0; group < 200; group += 1) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => store.displays.record(makeDisplay(group * 100 + i, { _id: randomUUID() }))));
      }
      const bytes = statSync(join(dataDir, `${DATABASE_FILE}-wal`)).size;
      await store.close();
      return bytes;
    };
    const live = await logBytes(false);
    const bulk = await logBytes(true);
    expect(live).toBeLessThan(8 * 1048576);
    expect(bulk).toBeGreaterThan(2 * live);
  });

  it('refuses a second collector on the same data directory, naming it', async () => {
    const dataDir = await dir();
    const store = await openSqliteStore({ dataDir });
    const child = await runNode(`
      const { openSqliteStore } = await import(${JSON.stringify(new URL('./sqlite-store.ts', import.meta.url).pathname)});
      try { await openSqliteStore({ dataDir: ${JSON.stringify(dataDir)} }); console.log('opened'); }
      catch (error) { console.log(error.message); }
    `);
    expect(child.stdout).toContain(`the data directory ${dataDir} is in use by another collector`);
    await store.close();
    // Released with the store (and by the OS with a dead process): the next one opens.
    const next = await openSqliteStore({ dataDir });
    await next.close();
  });

  it('refuses a data directory in the earlier file format, saying what to do', async () => {
    const dataDir = await dir();
    await writeFile(join(dataDir, 'responses.db'), '{"_id":"x"}\n');
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(/earlier storage format \(responses\.db\).*new directory/);
  });

  it('refuses a database newer than this code', async () => {
    const dataDir = await dir();
    await (await openSqliteStore({ dataDir })).close();
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    await expect(openSqliteStore({ dataDir })).rejects.toThrow(/schema version \d+, newer than this collector knows/);
  });

  for (let from = 0; from < MIGRATIONS.length; from += 1) {
    it(`migrates a database from schema version ${from} to the latest, keeping its data`, async () => {
      const dataDir = await dir();
      const path = join(dataDir, DATABASE_FILE);
      const early = new Database(path);
      early.pragma('journal_mode = WAL');
      migrate(early, path, from);
      // An answer stored by that version, written as it wrote them.
      const earlier = makeResponse(9, { answers: { score: 2, comment: 'written before the upgrade' }, hasComment: true });
      if (from >= 1) {
        early
          .prepare(
            `INSERT INTO items (id, source, source_id, project_key, survey_id, kind, product_area, plan, category, has_comment, user_id, owner, status, received_at, doc)
             VALUES (?, 'survey', ?, 'pk_demo', 'app-nps', 'nps', 'editor', 'saas', 'detractor', 1, ?, NULL, 'new', ?, ?)`,
          )
          .run(earlier._id, earlier.submissionId, earlier.respondent.userId ?? null, earlier.receivedAt.getTime(), JSON.stringify(earlier));
        // From version 2 on, a commented answer's text is indexed as it is stored.
        if (from >= 2) early.prepare('INSERT INTO items_text (rowid, text) SELECT rowid, ? FROM items WHERE id = ?').run(earlier.answers.comment, earlier._id);
      }
      // From version 1 on, a survey shown to a person, as that version stored displays.
      if (from >= 1) {
        early.prepare("INSERT INTO displays (id, project_key, survey_id, event, user_id, anonymous_id, at) VALUES ('d1', 'pk_demo', 'app-nps', 'shown', 'u9', 'a9', 5000)").run();
        // From version 11 on, with when each person last saw the survey.
        if (from >= 11) early.exec("INSERT INTO seen (person, project_key, survey_id, at) VALUES ('user:u9', 'pk_demo', 'app-nps', 5000), ('anon:a9', 'pk_demo', 'app-nps', 5000)");
      }
      // From version 6 on, a survey's settings changed in the console, in the table of that version.
      if (from >= 6) {
        const table = from >= 8 ? 'console_settings (version, subject' : 'survey_settings (version, survey_id';
        early.prepare(`INSERT INTO ${table}, at, actor, doc) VALUES (1, 'app-nps', 0, 'Ana', '{"active":false}')`).run();
      }
      early.close();
      const store = await openSqliteStore({ dataDir });
      await store.responses.record(makeResponse(1), [makeAlert(1)]);
      if (from >= 1) {
        expect(await store.responses.get(earlier._id)).toEqual(earlier);
        expect((await store.responses.page({ search: 'upgrade' }, 10)).map((r) => r._id)).toEqual([earlier._id]);
        expect((await store.items.page({}, 10)).length).toBe(2);
        const shown = { lastShownAt: { 'app-nps': new Date(5000) }, lastAnyShownAt: new Date(5000) };
        expect(await store.displays.seenBy('pk_demo', { userId: 'u9' })).toEqual(shown);
        expect(await store.displays.seenBy('pk_demo', { anonymousId: 'a9' })).toEqual(shown);
      }
      if (from >= 6) {
        expect(await store.settings.current()).toEqual({ version: 1, changes: [{ version: 1, subject: 'app-nps', at: new Date(0), actor: 'Ana', settings: { active: false } }] });
      }
      await store.close();
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      const reopened = await openSqliteStore({ dataDir });
      expect(await reopened.responses.count({})).toBe(from >= 1 ? 2 : 1);
      await reopened.close();
    });
  }

  it('uses an index for every list, count and lookup the repositories run', async () => {
    const dataDir = await dir();
    await (await openSqliteStore({ dataDir })).close();
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const plans = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('; ');
    const queries = [
      'SELECT doc FROM items WHERE 1 ORDER BY received_at DESC, id DESC LIMIT 50',
      "SELECT doc FROM items WHERE survey_id = 'x' AND (received_at, id) < (1, 'a') ORDER BY received_at DESC, id DESC LIMIT 50",
      "SELECT doc FROM items WHERE owner = 'x' ORDER BY received_at DESC, id DESC LIMIT 50",
      "SELECT doc FROM items WHERE status IN ('new') ORDER BY received_at DESC, id DESC LIMIT 50",
      'SELECT doc FROM items WHERE has_comment = 1 ORDER BY received_at DESC, id DESC LIMIT 50',
      "SELECT id FROM items WHERE source = 'survey' AND source_id = 'x'",
      "SELECT id FROM items WHERE user_id = 'u'",
      "SELECT survey_id, at FROM seen WHERE person IN ('user:u', 'anon:a') AND project_key = 'p'",
      "DELETE FROM items_text_queue WHERE item_rowid IN (SELECT rowid FROM items WHERE user_id = 'u')",
      "SELECT DISTINCT anonymous_id FROM displays WHERE user_id = 'u' AND anonymous_id IS NOT NULL",
      "SELECT project_key, survey_id, max(at) FROM displays WHERE anonymous_id = 'a' AND event = 'shown' GROUP BY project_key, survey_id",
      "SELECT id FROM alerts WHERE status = 'pending' AND next_attempt_at <= 5 ORDER BY next_attempt_at LIMIT 1",
      "SELECT * FROM alerts WHERE status = 'failed' ORDER BY created_at DESC, id DESC LIMIT 50",
      "SELECT * FROM alerts WHERE owner_id = 'x' AND status = 'failed' AND failed_at >= 1 AND failed_at < 2 ORDER BY failed_at DESC LIMIT 5",
      "SELECT * FROM alerts WHERE response_id = 'r'",
      "SELECT * FROM day_counts WHERE day >= '2026-01-01' AND day < '2027-01-01'",
      "SELECT source, doc FROM items WHERE 1 ORDER BY occurred_at DESC, id DESC LIMIT 50",
      "SELECT source, doc FROM items WHERE source = 'slack' ORDER BY occurred_at DESC, id DESC LIMIT 50",
      "SELECT source, doc FROM items WHERE feedback_type = 'product' ORDER BY occurred_at DESC, id DESC LIMIT 50",
      "SELECT doc FROM items WHERE +source = 'survey' AND kind = 'nps' ORDER BY received_at DESC, id DESC LIMIT 50",
      "SELECT doc FROM items WHERE +source = 'survey' ORDER BY received_at DESC, id DESC LIMIT 50",
      "SELECT count(*) FROM items WHERE +source = 'survey' AND owner = 'x' AND status IN ('new', 'acknowledged')",
    ];
    for (const sql of queries) {
      const plan = plans(sql);
      expect(plan, sql).not.toMatch(/^SCAN \w+$|; SCAN \w+$|SCAN \w+;|USE TEMP B-TREE FOR ORDER BY/);
    }
    // The text queue is read from its front, in its own key's order (no sort), each item by its row id.
    expect(
      plans("SELECT q.item_rowid, i.doc ->> '$.answers.comment' FROM items_text_queue q LEFT JOIN items i ON i.rowid = q.item_rowid ORDER BY q.item_rowid LIMIT 5"),
    ).toBe('SCAN q; SEARCH i USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN');
    db.close();
  });

  it('keeps every acknowledged answer, once, when the process is killed mid-write', async () => {
    const dataDir = await dir();
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./sqlite-durability.child.ts', import.meta.url).pathname, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line) acknowledged.push(line);
        if (acknowledged.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await new Promise((resolve) => child.once('exit', resolve).once('close', resolve));
    const store = await openSqliteStore({ dataDir });
    for (const id of acknowledged) expect(await store.responses.get(id), id).not.toBeNull();
    const stored = await store.responses.count({});
    expect(stored).toBeGreaterThanOrEqual(acknowledged.length);
    const days = await store.reports.days({ from: '2000-01-01', to: '2100-01-01' });
    // The counters hold exactly the answers stored: nothing counted twice or left out.
    expect(days.reduce((sum, day) => sum + day.responses, 0)).toBe(stored);
    expect((await store.alerts.page({}, 100_000)).length).toBe(stored);
    await store.close();
  });
});

function runNode(script: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ stdout }));
  });
}
