/**
 * Making committed transactions durable without blocking the event loop. The database runs with
 * `synchronous = NORMAL`: a commit writes its frames to the write-ahead log (into the page cache) and
 * returns, and SQLite itself syncs the log before every checkpoint. What a commit has written is made
 * durable by `fdatasync` of the log, which runs on libuv's thread pool while the main thread goes on
 * parsing requests; a write is acknowledged only once a sync that started after its commit has finished,
 * which is the guarantee of `synchronous = FULL`. Syncs are coalesced: commits made while one runs share
 * the next one.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';

export class WalSync {
  readonly #path: string;
  #fd: number | undefined;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  /** `path`: the write-ahead log (`<database>-wal`), opened at the first sync (a commit creates it). */
  constructor(path: string) {
    this.#path = path;
  }

  /** Resolves once everything committed before the call is on disk. */
  afterCommit(): Promise<void> {
    // A sync that is running may have started before this commit wrote its frames: wait for the next one.
    if (this.#running) return (this.#next ??= this.#running.then(this.#startNext, this.#startNext));
    return this.#start();
  }

  /** Waits for the syncs asked for, then closes the log's descriptor. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#running, this.#next]);
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  readonly #startNext = (): Promise<void> => {
    this.#next = undefined;
    return this.#start();
  };

  #start(): Promise<void> {
    if (this.#fd === undefined) {
      try {
        this.#fd = openSync(this.#path, 'r');
      } catch (error) {
        // No log yet: nothing has been committed through it, so nothing waits to be made durable.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Promise.resolve();
        return Promise.reject(error);
      }
    }
    const fd = this.#fd;
    const running = new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve()))).finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }
}
