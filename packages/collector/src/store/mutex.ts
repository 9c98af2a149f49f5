/** Runs async critical sections one at a time, in call order: the write lock of one collection. */
export type Mutex = <T>(critical: () => Promise<T>) => Promise<T>;

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return (critical) => {
    const run = tail.then(critical);
    // The next section waits for this one to settle; its outcome belongs to this caller only.
    tail = run.catch(() => undefined);
    return run;
  };
}
