import { open } from 'node:fs/promises';

/**
 * Makes appends to one file durable with as few fsyncs as possible (group commit). A caller asks after its
 * append returned; every caller that asks while a sync is running shares the next one, which starts after
 * the running one, so each caller's bytes are covered by the sync it waits for.
 */
export function createFileSyncer(path: string): () => Promise<void> {
  let previous: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  return () => {
    if (!next) {
      const run = previous.then(() => {
        next = undefined;
        return datasync(path);
      });
      next = run;
      previous = run.catch(() => undefined);
    }
    return next;
  };
}

async function datasync(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
