import { expect, it } from 'vitest';
import { createInsertBatcher, type InsertOutcome } from './insert-batcher.ts';

function recordingBatcher(outcomeOf: (doc: string) => InsertOutcome = () => 'inserted') {
  const batches: string[][] = [];
  const batcher = createInsertBatcher<string>(async (docs) => {
    batches.push(docs);
    return docs.map(outcomeOf);
  });
  return { batcher, batches };
}

it('writes the inserts of one event-loop turn as one batch, and later ones as the next', async () => {
  const { batcher, batches } = recordingBatcher();
  const first = ['a', 'b', 'c'].map((doc) => batcher.insert(doc));
  await new Promise((resolve) => setImmediate(resolve));
  const second = batcher.insert('d');
  expect(await Promise.all([...first, second])).toEqual([true, true, true, true]);
  expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
});

it('answers each document with its own outcome', async () => {
  const failure = new Error('bad document');
  const { batcher } = recordingBatcher((doc) => (doc === 'dup' ? 'duplicate' : doc === 'bad' ? failure : 'inserted'));
  const results = await Promise.allSettled(['ok', 'dup', 'bad'].map((doc) => batcher.insert(doc)));
  expect(results).toEqual([
    { status: 'fulfilled', value: true },
    { status: 'fulfilled', value: false },
    { status: 'rejected', reason: failure },
  ]);
});

it('rejects every document of a batch whose write fails', async () => {
  const batcher = createInsertBatcher<string>(async () => {
    throw new Error('disk full');
  });
  const results = await Promise.allSettled([batcher.insert('a'), batcher.insert('b')]);
  expect(results.map((result) => result.status === 'rejected' && (result.reason as Error).message)).toEqual(['disk full', 'disk full']);
});

it('flush writes the queue at once and waits for batches in progress', async () => {
  let release: () => void = () => undefined;
  const written: string[] = [];
  const batcher = createInsertBatcher<string>(async (docs) => {
    await new Promise<void>((resolve) => (release = resolve));
    written.push(...docs);
    return docs.map(() => 'inserted' as const);
  });
  const pending = batcher.insert('a');
  const flushed = batcher.flush();
  expect(written).toEqual([]);
  release();
  await flushed;
  expect(written).toEqual(['a']);
  expect(await pending).toBe(true);
});
