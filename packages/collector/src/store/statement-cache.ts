/**
 * Prepared statements for queries assembled from a filter: each distinct SQL text is prepared once and
 * reused. Filters combine a handful of optional conditions, so the number of texts stays small; the cache
 * is bounded all the same.
 */
import type Database from 'better-sqlite3';

const MAX_STATEMENTS = 500;

export class StatementCache {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The statement for `sql`; `pluck`: rows are their first column's value. */
  get(sql: string, pluck = false): Database.Statement {
    const key = `${pluck ? 1 : 0}${sql}`;
    let statement = this.#statements.get(key);
    if (!statement) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(sql);
      if (pluck) statement.pluck();
      this.#statements.set(key, statement);
    }
    return statement;
  }
}
