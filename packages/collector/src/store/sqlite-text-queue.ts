/**
 * The full-text index of survey comments, written behind the answers. FTS5 writes a segment of the index
 * per transaction, so indexing each comment in its answer's group commit cost about a fifth of an answer's
 * CPU under load. An answer's commit records only its row in `items_text_queue` (the same transaction, so
 * nothing is lost to a crash); the queue is indexed in one transaction per second, and at once before any
 * search, so a search sees every answer stored before it, as if indexed with it.
 *
 * The comment is read from the item's document when it is indexed: an item erased meanwhile is gone and so
 * is never indexed, and a row id SQLite gives again to a later item indexes that item's comment.
 */
import type Database from 'better-sqlite3';

/** At most this many comments per indexing transaction, so the main thread is never held for long. */
export const TEXT_BATCH = 5_000;
const INTERVAL_MS = 1_000;

export class TextQueue {
  readonly #add: Database.Statement<[number | bigint]>;
  readonly #pending: Database.Statement<[number], { rowid: number; comment: string | null }>;
  readonly #index: Database.Statement<[number, string]>;
  readonly #done: Database.Statement<[number]>;
  readonly #drain: (limit: number) => number;
  readonly #timer: NodeJS.Timeout;
  /** Whether the queue may hold rows (it does after a crash, and after any answer with a comment). */
  #queued: boolean;
  #failing = false;

  /** `onWarning`: told when a timed round fails (the queue is kept and tried again a second later). */
  constructor(db: Database.Database, onWarning: (message: string) => void = (message) => process.emitWarning(message)) {
    this.#add = db.prepare('INSERT OR IGNORE INTO items_text_queue (item_rowid) VALUES (?)');
    this.#pending = db.prepare(
      `SELECT q.item_rowid AS rowid, i.doc ->> '$.answers.comment' AS comment
       FROM items_text_queue q LEFT JOIN items i ON i.rowid = q.item_rowid ORDER BY q.item_rowid LIMIT ?`,
    );
    this.#index = db.prepare('INSERT INTO items_text (rowid, text) VALUES (?, ?)');
    this.#done = db.prepare('DELETE FROM items_text_queue WHERE item_rowid = ?');
    this.#drain = db.transaction((limit: number) => {
      const rows = this.#pending.all(limit);
      for (const { rowid, comment } of rows) {
        if (comment) this.#index.run(rowid, comment);
        this.#done.run(rowid);
      }
      return rows.length;
    });
    this.#queued = db.prepare('SELECT EXISTS (SELECT 1 FROM items_text_queue)').pluck().get() === 1;
    this.#timer = setInterval(() => {
      try {
        this.#indexBatch();
        this.#failing = false;
      } catch (error) {
        // Said once per spell of failures; what is queued stays queued, and a search still tries at once.
        if (!this.#failing) onWarning(`indexing comments for search failed, trying again every second: ${(error as Error).message}`);
        this.#failing = true;
      }
    }, INTERVAL_MS).unref();
  }

  /** Queues the comment of the item at `rowid`; called inside the transaction that stores the item. */
  add(rowid: number | bigint): void {
    this.#add.run(rowid);
    this.#queued = true;
  }

  /** Indexes everything queued, before a search reads the index. Called outside any transaction. */
  catchUp(): void {
    while (this.#queued) this.#indexBatch();
  }

  /** Indexes what is queued and stops the timer. */
  close(): void {
    clearInterval(this.#timer);
    this.catchUp();
  }

  #indexBatch(): void {
    if (!this.#queued) return;
    if (this.#drain(TEXT_BATCH) < TEXT_BATCH) this.#queued = false;
  }
}
