/**
 * The embedded engine, the zero-setup default: one SQLite database (`heed.sqlite` in `HEED_DATA_DIR`)
 * through better-sqlite3. WAL with `synchronous = FULL`, so a commit is durable when it returns; writes go
 * through the group commit (group-commit.ts). The database is opened in exclusive locking mode, so a second
 * collector on the same directory is refused at once (the operating system drops the lock with the process,
 * so a crash never leaves it behind). Migrations (sqlite-migrations.ts) run at open.
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
import type { ErasureCounts, Store } from './store.ts';
import { WalSync } from './wal-sync.ts';

export interface SqliteStoreOptions {
  /** `HEED_DATA_DIR`: created when missing. */
  dataDir: string;
}

export const DATABASE_FILE = 'heed.sqlite';
/** Files of the earlier embedded format, which is not read. */
const EARLIER_FORMAT = ['responses.db', 'alerts.db', 'displays.db', 'rollups.db', 'leases.db'];

export async function openSqliteStore({ dataDir }: SqliteStoreOptions): Promise<Store> {
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
  } catch (error) {
    db.close();
    throw error;
  }
  const walSync = new WalSync(`${path}-wal`);
  const commit = new GroupCommit(db, () => walSync.afterCommit());
  const eraseStatements = {
    items: db.prepare('SELECT id FROM items WHERE user_id = ?').pluck(),
    text: db.prepare('DELETE FROM items_text WHERE rowid IN (SELECT rowid FROM items WHERE user_id = ?)'),
    alerts: db.prepare("DELETE FROM alerts WHERE response_id = ? AND status = 'pending'"),
    responses: db.prepare('DELETE FROM items WHERE user_id = ?'),
    displays: db.prepare('DELETE FROM displays WHERE user_id = ?'),
  };
  let closed = false;

  return {
    engine: 'sqlite',
    responses: sqliteResponses(db, commit),
    items: sqliteItems(db, commit),
    displays: sqliteDisplays(db, commit),
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
        const responses = eraseStatements.responses.run(userId).changes;
        const displays = eraseStatements.displays.run(userId).changes;
        return { responses, displays, alerts };
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
