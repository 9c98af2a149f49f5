/**
 * Keyset pagination: a cursor is the last item's position (time, id), opaque to clients (base64url JSON);
 * the store answers the next page as everything strictly after it. Stable while new items arrive, and no
 * skipping over what came before.
 */
import { errors } from '../errors.ts';
import type { Position } from '../store/store.ts';

export type { Position };

export function encodeCursor({ at, id }: Position): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** The position a cursor names; `errors.badCursor` for anything that is not one of ours. */
export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const at = new Date(value[0]);
      if (!Number.isNaN(at.getTime()) && at.toISOString() === value[0]) return { at, id: value[1] };
    }
  } catch {
    // Not base64url JSON: reported below.
  }
  throw new errors.badCursor();
}

/** A page of `limit` from what the store answered for `limit + 1`: the items, and a cursor when more follow. */
export function pageOf<T>(docs: T[], limit: number, position: (doc: T) => Position): { items: T[]; nextCursor: string | null } {
  const items = docs.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: docs.length > limit && last ? encodeCursor(position(last)) : null };
}
