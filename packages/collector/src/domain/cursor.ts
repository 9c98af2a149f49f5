/**
 * Keyset pagination: a cursor is the last item's position (time, id; and its count, in a list ranked by
 * one), opaque to clients (base64url JSON); the store answers the next page as everything strictly after
 * it. Stable while new items arrive, and no skipping over what came before.
 */
import { errors } from '../errors.ts';
import type { Position, RankedPosition } from '../store/store.ts';

export type { Position, RankedPosition };

export function encodeCursor(position: Position | RankedPosition): string {
  const { at, id } = position;
  const parts = 'rank' in position ? [at.toISOString(), id, position.rank] : [at.toISOString(), id];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeParts(cursor: string, length: 2 | 3): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === length && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const at = new Date(value[0]);
      if (!Number.isNaN(at.getTime()) && at.toISOString() === value[0]) return [at, ...value.slice(1)];
    }
  } catch {
    // Not base64url JSON: reported below.
  }
  throw new errors.badCursor();
}

/** The position a cursor names; `errors.badCursor` for anything that is not one of ours. */
export function decodeCursor(cursor: string): Position {
  const [at, id] = decodeParts(cursor, 2) as [Date, string];
  return { at, id };
}

/** The ranked position a cursor names; `errors.badCursor` for anything that is not one. */
export function decodeRankedCursor(cursor: string): RankedPosition {
  const [at, id, rank] = decodeParts(cursor, 3) as [Date, string, unknown];
  if (typeof rank !== 'number' || !Number.isSafeInteger(rank)) throw new errors.badCursor();
  return { at, id, rank };
}

/** A page of `limit` from what the store answered for `limit + 1`: the items, and a cursor when more follow. */
export function pageOf<T>(docs: T[], limit: number, position: (doc: T) => Position | RankedPosition): { items: T[]; nextCursor: string | null } {
  const items = docs.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: docs.length > limit && last ? encodeCursor(position(last)) : null };
}
