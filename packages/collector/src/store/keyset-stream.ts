/**
 * Streams a keyset-paginated list a batch at a time: no statement or cursor stays open while the consumer
 * takes its time, and memory holds one batch however many rows match.
 */
import type { Position } from './store.ts';

export const STREAM_BATCH = 1000;

export async function* keysetStream<T>(
  page: (after: Position | undefined) => T[] | Promise<T[]>,
  positionOf: (last: T) => Position,
  batch = STREAM_BATCH,
): AsyncGenerator<T> {
  let after: Position | undefined;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < batch || last === undefined) return;
    after = positionOf(last);
  }
}
