/**
 * Keyset pagination over (a date field desc, `_id` desc): the cursor is the last item's position, opaque to
 * clients (base64url JSON), and the next page is everything strictly after it. Stable while new items
 * arrive, and no skipping over what came before.
 */
import { errors } from '../errors.ts';
import type { Filter } from '../store/store.ts';

export interface Position {
  at: Date;
  id: string;
}

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

/** `filter`, narrowed to the items after `position` in (field desc, _id desc) order. */
export function afterPosition(filter: Filter, field: string, position: Position | undefined): Filter {
  if (!position) return filter;
  const keyset = { $or: [{ [field]: { $lt: position.at } }, { [field]: position.at, _id: { $lt: position.id } }] };
  return Object.keys(filter).length === 0 ? keyset : { $and: [filter, keyset] };
}
