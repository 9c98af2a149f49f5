/**
 * MongoDB update semantics for in-memory documents (the embedded engine): the operators of the Store
 * contract, and the document an upsert creates. Written out rather than delegated to mingo, whose general
 * updater costs tens of microseconds a call, which every write of the embedded engine would pay.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { copyValue } from './embedded-documents.ts';
import type { Filter, Update } from './store.ts';

type Fields = Record<string, unknown>;

/** Applies one operator to one path of `doc`; whether that changed it. */
type Operator = (doc: Fields, path: string, value: unknown) => boolean;

const OPERATORS: Record<string, Operator> = {
  $set(doc, path, value) {
    const [parent, key] = parentOf(doc, path);
    if (Object.hasOwn(parent, key) && isDeepStrictEqual(parent[key], value)) return false;
    parent[key] = copyValue(value);
    return true;
  },
  $unset(doc, path) {
    const found = existingParentOf(doc, path);
    if (!found || !Object.hasOwn(found[0], found[1])) return false;
    delete found[0][found[1]];
    return true;
  },
  $inc(doc, path, value) {
    if (typeof value !== 'number') throw new Error(`$inc of "${path}" needs a number`);
    const [parent, key] = parentOf(doc, path);
    const current = parent[key];
    if (current !== undefined && typeof current !== 'number') throw new Error(`cannot $inc the non-numeric field "${path}"`);
    if (current !== undefined && value === 0) return false;
    parent[key] = (current ?? 0) + value;
    return true;
  },
  $push(doc, path, value) {
    const items = pushedItems(path, value);
    const [parent, key] = parentOf(doc, path);
    const current = parent[key];
    if (current === undefined) {
      parent[key] = copyValue(items);
      return true;
    }
    if (!Array.isArray(current)) throw new Error(`cannot $push to the non-array field "${path}"`);
    if (items.length === 0) return false;
    parent[key] = [...current, ...copyValue(items)];
    return true;
  },
  $pull(doc, path, value) {
    if (isOperatorObject(value)) throw new Error(`$pull of "${path}" removes equal values only; conditions are not supported`);
    return removeEqual(doc, path, [value]);
  },
  $pullAll(doc, path, value) {
    if (!Array.isArray(value)) throw new Error(`$pullAll of "${path}" needs an array`);
    return removeEqual(doc, path, value);
  },
};

/**
 * Applies an operator update (`$set`, `$unset`, `$inc`, `$push` with or without `$each`, `$pull` and
 * `$pullAll` by equality, `$setOnInsert`) to `doc` and returns the changed paths. `$setOnInsert` only
 * applies when `inserting`. As on MongoDB, changing `_id` and naming one path twice are refused.
 * `doc`'s own fields change in place, but no object or array inside it does: those on the updated paths
 * are replaced by changed copies. So `doc` may be a shallow copy of a document that must stay as it is.
 * Values are copied: `doc` shares nothing with `update`.
 */
export function applyUpdate(doc: Fields, update: Update, inserting: boolean): string[] {
  const { $setOnInsert, ...modifier } = assertOperatorUpdate(update);
  if (inserting && $setOnInsert !== undefined) {
    const { _id, ...fields } = $setOnInsert as Fields;
    if (_id !== undefined) doc._id = _id;
    if (Object.keys(fields).length > 0) modifier.$set = { ...(modifier.$set as Fields | undefined), ...fields };
  }
  const changes: [Operator, string, unknown][] = [];
  for (const [name, fields] of Object.entries(modifier)) {
    const operator = OPERATORS[name];
    if (!operator) throw new Error(`unknown update operator "${name}"`);
    for (const [path, value] of Object.entries(fields as Fields)) changes.push([operator, assertPath(path), value]);
  }
  assertNoConflicts(changes.map(([, path]) => path));
  return changes.filter(([operator, path, value]) => operator(doc, path, value)).map(([, path]) => path);
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function assertPath(path: string): string {
  const parts = path.split('.');
  if (parts[0] === '_id') throw new Error(`an update may not change _id ("${path}")`);
  if (parts.some((part) => part === '' || part.startsWith('$') || UNSAFE_KEYS.has(part))) throw new Error(`unsupported update path "${path}"`);
  return path;
}

/** MongoDB refuses an update that names a path and that path or one inside it again. */
function assertNoConflicts(paths: string[]): void {
  const sorted = [...paths].sort();
  for (let index = 1; index < sorted.length; index += 1) {
    const [before, path] = [sorted[index - 1] as string, sorted[index] as string];
    if (path === before || path.startsWith(`${before}.`)) throw new Error(`the update names "${before}" and "${path}": they conflict`);
  }
}

/**
 * The object holding the path's last field, and that field's name. On the way, missing objects are
 * created and existing ones replaced by copies, which the caller may then change.
 */
function parentOf(doc: Fields, path: string): [Fields, string] {
  const parts = path.split('.');
  const key = parts.pop() as string;
  let parent = doc;
  for (const part of parts) {
    const child = parent[part];
    if (child !== undefined && !isContainer(child)) throw new Error(`cannot update "${path}": "${part}" is not a document`);
    parent = parent[part] = child === undefined ? {} : shallowCopy(child);
  }
  return [parent, key];
}

/** Like parentOf, without creating anything: undefined when the path does not lead to an object. */
function existingParentOf(doc: Fields, path: string): [Fields, string] | undefined {
  const parts = path.split('.');
  const key = parts.pop() as string;
  let parent = doc;
  for (const part of parts) {
    const child = parent[part];
    if (!isContainer(child)) return undefined;
    parent = parent[part] = shallowCopy(child);
  }
  return [parent, key];
}

function isContainer(value: unknown): value is Fields | unknown[] {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

function shallowCopy(value: Fields | unknown[]): Fields {
  return (Array.isArray(value) ? [...value] : { ...value }) as Fields;
}

function pushedItems(path: string, value: unknown): unknown[] {
  if (!isOperatorObject(value)) return [value];
  const { $each, ...others } = value;
  if (!Array.isArray($each) || Object.keys(others).length > 0) throw new Error(`$push of "${path}" supports $each only`);
  return $each;
}

function removeEqual(doc: Fields, path: string, values: unknown[]): boolean {
  const found = existingParentOf(doc, path);
  if (!found) return false;
  const [parent, key] = found;
  const current = parent[key];
  if (current === undefined) return false;
  if (!Array.isArray(current)) throw new Error(`cannot pull from the non-array field "${path}"`);
  const primitives = new Set(values.filter((value) => value === null || typeof value !== 'object'));
  const others = values.filter((value) => value !== null && typeof value === 'object');
  const removed = (item: unknown) => primitives.has(item) || others.some((value) => isDeepStrictEqual(item, value));
  const kept = current.filter((item) => !removed(item));
  if (kept.length === current.length) return false;
  parent[key] = kept;
  return true;
}

/**
 * The document an upsert inserts when nothing matches, built as MongoDB builds it: the filter's equality
 * conditions (top level, `$eq`, inside `$and`), then the update with `$setOnInsert`; a new string `_id`
 * when neither names one.
 */
export function upsertDocument(filter: Filter, update: Update): Fields {
  const doc: Fields = {};
  for (const [path, value] of equalities(filter)) setPath(doc, path, copyValue(value));
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
