import { open, type FileHandle } from 'node:fs/promises';

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Appends lines to one datafile with group commit: lines appended while a write is in flight go out
 * together in the next write, followed by one fdatasync, and each `append` resolves once its lines are
 * durable. Order is kept. After a failed write every later append rejects: the process's state is then
 * ahead of the file, and only a restart (which reloads the file) makes them agree again.
 */
export class Journal {
  readonly #path: string;
  #handle: FileHandle;
  #lines: string[] = [];
  #waiters: Waiter[] = [];
  #writing: Promise<void> | undefined;
  #failure: Error | undefined;

  private constructor(path: string, handle: FileHandle) {
    this.#path = path;
    this.#handle = handle;
  }

  static async open(path: string): Promise<Journal> {
    return new Journal(path, await open(path, 'a'));
  }

  /** The write error that stopped this journal, if any. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  append(lines: string[]): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (lines.length === 0) return Promise.resolve();
    for (const line of lines) this.#lines.push(line);
    const durable = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#writing ??= this.#drain();
    return durable;
  }

  /** Resolves once everything appended so far is durable (or has failed). */
  async idle(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /** Waits for pending appends, lets `rewrite` replace the file, and appends to the new file after. */
  async replaceFile(rewrite: () => Promise<void>): Promise<void> {
    await this.idle();
    await this.#handle.close();
    try {
      await rewrite();
    } finally {
      this.#handle = await open(this.#path, 'a');
    }
  }

  async close(): Promise<void> {
    await this.idle();
    await this.#handle.close();
  }

  async #drain(): Promise<void> {
    while (this.#lines.length > 0 && !this.#failure) {
      const text = `${this.#lines.join('\n')}\n`;
      const waiters = this.#waiters;
      this.#lines = [];
      this.#waiters = [];
      try {
        await this.#handle.appendFile(text);
        await this.#handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.#failure = new Error(`writing ${this.#path} failed; restart to reload it: ${(error as Error).message}`, { cause: error });
        for (const waiter of [...waiters, ...this.#waiters]) waiter.reject(this.#failure);
        this.#lines = [];
        this.#waiters = [];
      }
    }
    this.#writing = undefined;
  }
}
