/** What became of one document of a batch. */
export type InsertOutcome = 'inserted' | 'duplicate' | Error;

export interface InsertBatcher<T> {
  /** Queues a document; resolves `true` once the batch holding it is stored, `false` for a duplicate. */
  insert(doc: T): Promise<boolean>;
  /** Writes what is queued now and waits for every batch still being written. */
  flush(): Promise<void>;
}

interface Pending<T> {
  doc: T;
  resolve: (inserted: boolean) => void;
  reject: (error: Error) => void;
}

/**
 * Group commit for inserts: every insert queued during one turn of the event loop (all the requests parsed
 * in one I/O phase) is handed to `writeBatch` together, so storing N answers costs one write, not N.
 * `writeBatch` returns one outcome per document, in order.
 */
export function createInsertBatcher<T>(writeBatch: (docs: T[]) => Promise<InsertOutcome[]>): InsertBatcher<T> {
  let queue: Pending<T>[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const writing = new Set<Promise<void>>();

  function writeQueued(): void {
    scheduled = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    const written = writeBatch(batch.map((entry) => entry.doc)).then(
      (outcomes) => {
        batch.forEach((entry, index) => {
          const outcome = outcomes[index] ?? new Error('the store returned no outcome for this document');
          if (outcome instanceof Error) entry.reject(outcome);
          else entry.resolve(outcome === 'inserted');
        });
      },
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const entry of batch) entry.reject(failure);
      },
    );
    const tracked = written.finally(() => writing.delete(tracked));
    writing.add(tracked);
  }

  return {
    insert(doc) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ doc, resolve, reject });
        scheduled ??= setImmediate(writeQueued);
      });
    },
    async flush() {
      if (scheduled) {
        clearImmediate(scheduled);
        writeQueued();
      }
      await Promise.all(writing);
    },
  };
}
