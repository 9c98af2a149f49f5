/**
 * MongoDB update semantics for in-memory documents (the embedded engine): operator updates applied by
 * mingo, plus what mingo leaves to the database: `$setOnInsert` and the document an upsert creates.
 */
import { randomUUID } from 'node:crypto';
import { update as mingoUpdate } from 'mingo';
import type { Filter, Update } from './store.ts';

type Fields = Record<string, unknown>;

/**
 * Applies an operator update (`$set`, `$unset`, `$inc`, `$push`, ...) to `doc` in place and returns the
 * changed paths. `$setOnInsert` only applies when `inserting`. Changing `_id` is refused, as MongoDB does.
 */
export function applyUpdate(doc: Fields, update: Update, inserting: boolean): string[] {
  const { $setOnInsert, ...modifier } = assertOperatorUpdate(update);
  if (inserting && $setOnInsert !== undefined) {
    const { _id, ...fields } = $setOnInsert as Fields;
    if (_id !== undefined) doc._id = _id;
    if (Object.keys(fields).length > 0) modifier.$set = { ...(modifier.$set as Fields | undefined), ...fields };
  }
  if (Object.keys(modifier).length === 0) return [];
  return mingoUpdate(doc, modifier, undefined, undefined, { cloneMode: 'deep' });
}

/**
 * The document an upsert inserts when nothing matches, built as MongoDB builds it: the filter's equality
 * conditions (top level, `$eq`, inside `$and`), then the update with `$setOnInsert`; a new string `_id`
 * when neither names one.
 */
export function upsertDocument(filter: Filter, update: Update): Fields {
  const doc: Fields = {};
  for (const [path, value] of equalities(filter)) setPath(doc, path, structuredClone(value));
  applyUpdate(doc, update, true);
  doc._id ??= randomUUID();
  return doc;
}

function assertOperatorUpdate(update: Update): Fields {
  const keys = Object.keys(update);
  if (keys.length === 0 || keys.some((key) => !key.startsWith('$'))) {
    throw new Error('an update must use operators such as $set, $inc or $push; replacing a document is not supported');
  }
  return update;
}

function* equalities(filter: Filter): Generator<[string, unknown]> {
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const clause of condition) yield* equalities(clause as Filter);
    } else if (!key.startsWith('$')) {
      if (!isOperatorObject(condition)) yield [key, condition];
      else if ('$eq' in condition) yield [key, condition.$eq];
    }
  }
}

function isOperatorObject(value: unknown): value is Fields {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function setPath(doc: Fields, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let target = doc;
  for (const part of parts) {
    const child = target[part];
    if (child === null || typeof child !== 'object') target[part] = {};
    target = target[part] as Fields;
  }
  target[last] = value;
}
