/** Named leases on SQLite: taken by a conditional upsert, so a live lease is never taken over. */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import type { LeaseRepository } from './store.ts';

export function sqliteLeases(db: Database.Database, commit: GroupCommit): LeaseRepository {
  const take = db.prepare(
    `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE leases.until <= ?`,
  );
  const extend = db.prepare('UPDATE leases SET until = ? WHERE name = ? AND holder = ?');
  return {
    acquire: (name, holder, now, until) => commit.run(() => take.run(name, holder, ms(until), ms(now)).changes > 0),
    extend: (name, holder, until) => commit.run(() => extend.run(ms(until), name, holder).changes > 0),
  };
}
