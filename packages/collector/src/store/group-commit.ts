/**
 * Group commit for SQLite: writes asked for in the same turn of the event loop run in one transaction, and
 * each caller's promise settles once that transaction is durable (`durable`: the log's sync off the main
 * thread, see wal-sync.ts; without it, once it has committed). Each write runs in a savepoint of its own,
 * so one that throws is rolled back and rejected alone while the others commit. Under load a commit and
 * its sync carry many answers; alone, an answer waits for no one.
 *
 * A sync that fails leaves committed writes of unknown durability: those callers are refused, and so is
 * every later write, until the collector is restarted (SQLite recovers the log at open).
 */
import type Database from 'better-sqlite3';

interface Queued {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  readonly #db: Database.Database;
  #queue: Queued[] = [];
  #scheduled = false;
  #closed = false;
  #failure: Error | undefined;
  readonly #batch: (queue: Queued[]) => Outcome[];
  readonly #durable: () => Promise<void>;

  constructor(db: Database.Database, durable: () => Promise<void> = () => Promise.resolve()) {
    this.#db = db;
    this.#durable = durable;
    const one = db.transaction((work: () => unknown) => work());
    this.#batch = db.transaction((queue: Queued[]) =>
      queue.map((item): Outcome => {
        try {
          return { ok: true, value: one(item.work) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
  }

  /** Runs `work` (synchronous statements) in the next group's transaction; resolves once it is durable. */
  run<T>(work: () => T): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('the store is closed'));
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now. */
  flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    let outcomes: Outcome[];
    try {
      outcomes = this.#batch(queue);
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of the group is stored.
      for (const item of queue) item.reject(error);
      return;
    }
    this.#durable().then(
      () =>
        queue.forEach((item, index) => {
          const outcome = outcomes[index] as Outcome;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(outcome.error);
        }),
      (error: unknown) => {
        this.#failure ??= new Error('the store could not make its writes durable; restart the collector', { cause: error });
        for (const item of queue) item.reject(this.#failure);
      },
    );
  }

  /** Why writes are refused, once a sync has failed. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Commits what is queued and refuses further writes. */
  close(): void {
    this.flush();
    this.#closed = true;
  }

  get db(): Database.Database {
    return this.#db;
  }
}
