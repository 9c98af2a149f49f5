/**
 * The embedded engine, the zero-setup default: one SQLite database (`heed.sqlite` in `HEED_DATA_DIR`)
 * through better-sqlite3, in WAL mode. Writes go through the group commit (group-commit.ts), which
 * acknowledges them once the log is synced (wal-sync.ts). The database is opened in exclusive locking
 * mode, so a second collector on the same directory is refused at once (the operating system drops the
 * lock with the process, so a crash never leaves it behind). Migrations (sqlite-migrations.ts) run at open,
 * with `synchronous = FULL`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit } from './group-commit.ts';
import { migrate } from './sqlite-migrations.ts';
import { sqliteAlerts } from './sqlite-alerts.ts';
import { sqliteDisplays } from './sqlite-displays.ts';
import { sqliteEscalations } from './sqlite-escalations.ts';
import { sqliteContacts } from './sqlite-contacts.ts';
import { sqliteIssues } from './sqlite-issues.ts';
import { sqliteItems } from './sqlite-items.ts';
import { sqliteLeases } from './sqlite-leases.ts';
import { sqliteReports } from './sqlite-reports.ts';
import { sqliteResponses } from './sqlite-responses.ts';
import { sqliteSettings } from './sqlite-settings.ts';
import { TextQueue } from './sqlite-text-queue.ts';
import type { ErasureCounts, Store } from './store.ts';
import { WalSync } from './wal-sync.ts';

export interface SqliteStoreOptions {
  /** `HEED_DATA_DIR`: created when missing. */
  dataDir: string;
  /** One writer fills the store in bulk (`pnpm seed`): see BULK_CHECKPOINT_PAGES and BULK_CACHE_KIB. */
  bulk?: boolean;
}

/**
 * How many pages the log may hold before a commit copies them into the database file, when filling in bulk
 * (about 400 MB; SQLite's default, kept by the collector, is 1,000 pages). Each copy rewrites every page the
 * commits since the last one changed, and syncs the file: at the default, writing a year of demo data copied
 * the same index pages again every few commits. Seeding 200,000 answers and 600,000 displays took 114 s at the
 * default and 79 s with this (and larger groups, see seed.ts); the live collector keeps the default, as its
 * groups are small and a larger copy would stall the answers waiting behind it.
 */
const BULK_CHECKPOINT_PAGES = 100_000;

/**
 * The page cache when filling in bulk: up to 1 GiB (SQLite's default is 2 MiB, kept by the collector), so
 * the indexes keyed by ids that come in any order (submission and display ids, people) stay in memory
 * instead of being read back from the file for every insert. Adding 300,000 displays to the 1M-answer store
 * took 32.4 s with the default and 22.3 s with this; 100,000 answers 39.6 s and 33.9 s.
 */
const BULK_CACHE_KIB = 1_048_576;

export const DATABASE_FILE = 'heed.sqlite';
/** Files of the earlier embedded format, which is not read. */
const EARLIER_FORMAT = ['responses.db', 'alerts.db', 'displays.db', 'rollups.db', 'leases.db'];

export async function openSqliteStore({ dataDir, bulk = false }: SqliteStoreOptions): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const earlier = EARLIER_FORMAT.filter((name) => existsSync(join(dataDir, name)));
  if (earlier.length > 0) {
    throw new Error(
      `the data directory ${dataDir} holds files of an earlier storage format (${earlier.join(', ')}), which this version does not read; ` +
        'point HEED_DATA_DIR at a new directory',
    );
  }
  const path = join(dataDir, DATABASE_FILE);
  const db = new Database(path, { timeout: 0 });
  try {
    lock(db, dataDir);
    db.pragma('synchronous = FULL');
    migrate(db, path);
    // From here on commits do not sync; WalSync does, off the main thread, before any write is acknowledged.
    db.pragma('synchronous = NORMAL');
    // Each write of a group runs in a savepoint, whose journal of the pages it changes is kept in memory
    // rather than written to a temporary file: a fifth of the CPU an answer costs, on the 1M-answer store.
    db.pragma('temp_store = MEMORY');
    if (bulk) {
      db.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
      db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const walSync = new WalSync(`${path}-wal`);
  const commit = new GroupCommit(db, () => walSync.afterCommit());
  const eraseStatements = {
    items: db.prepare('SELECT id FROM items WHERE user_id = ?').pluck(),
    text: db.prepare('DELETE FROM items_text WHERE rowid IN (SELECT rowid FROM items WHERE user_id = ?)'),
    queuedText: db.prepare('DELETE FROM items_text_queue WHERE item_rowid IN (SELECT rowid FROM items WHERE user_id = ?)'),
    alerts: db.prepare("DELETE FROM alerts WHERE response_id = ? AND status = 'pending'"),
    responses: db.prepare('DELETE FROM items WHERE user_id = ?'),
  };
  const displays = sqliteDisplays(db, commit);
  const text = new TextQueue(db);
  let closed = false;

  return {
    engine: 'sqlite',
    responses: sqliteResponses(db, commit, text),
    items: sqliteItems(db, commit, text),
    displays,
    alerts: sqliteAlerts(db, commit),
    leases: sqliteLeases(db, commit),
    reports: sqliteReports(db),
    escalations: sqliteEscalations(db, commit),
    settings: sqliteSettings(db, commit),
    issues: sqliteIssues(db, commit),
    contacts: sqliteContacts(db, commit),
    eraseRespondent(userId) {
      return commit.run((): ErasureCounts => {
        let alerts = 0;
        for (const id of eraseStatements.items.all(userId) as string[]) alerts += eraseStatements.alerts.run(id).changes;
        eraseStatements.text.run(userId);
        eraseStatements.queuedText.run(userId);
        const responses = eraseStatements.responses.run(userId).changes;
        return { responses, displays: displays.eraseUser(userId), alerts };
      });
    },
    async ping() {
      if (closed) throw new Error('the store is closed');
      if (commit.failure) throw commit.failure;
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (closed) return;
      closed = true;
      commit.close();
      text.close(); // indexes what the last group queued
      await walSync.close();
      db.close();
    },
  };
}

/**
 * Switches to WAL in exclusive locking mode and takes the lock now (it is otherwise taken at the first
 * write), or explains who holds it.
 */
function lock(db: Database.Database, dataDir: string): void {
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new Error(`the data directory ${dataDir} is in use by another collector; one collector may use it at a time (use MongoDB to run several)`, {
        cause: error,
      });
    }
    throw error;
  }
}
