/**
 * NeDB's datafile format, for the writes the embedded engine makes itself: one JSON document per line,
 * Dates as `{"$$date": <ms>}`, deletions as `{"$$deleted": true, "_id": ...}`; the last line for an `_id`
 * wins. NeDB loads (and compacts) these files; this module appends to them and rewrites them.
 */
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;

/**
 * One document as a datafile line (without the newline), exactly as NeDB serializes it. Dates are
 * replaced before stringifying: JSON.stringify without a replacer, on plain values, takes V8's fast path.
 */
export function documentLine(doc: Record<string, unknown>): string {
  return JSON.stringify(withDatesMarked(doc));
}

/** `value` with its Dates as `{ $$date }`; only the objects and arrays that hold a Date are copied. */
function withDatesMarked(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return { $$date: value.getTime() };
  if (Array.isArray(value)) {
    let marked: unknown[] | undefined;
    value.forEach((item, index) => {
      const next = withDatesMarked(item);
      if (next !== item) (marked ??= [...value])[index] = next;
    });
    return marked ?? value;
  }
  let marked: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const next = withDatesMarked(item);
    if (next !== item) (marked ??= { ...value })[key] = next;
  }
  return marked ?? value;
}

/** The line that deletes a document. */
export function deletionLine(id: string): string {
  return JSON.stringify({ $$deleted: true, _id: id });
}

/**
 * Replaces the file with `lines`, crash-safely: a crash leaves either the old file or the new one whole
 * (written beside it, fsynced, renamed over it, directory fsynced).
 */
export async function rewriteDatafile(path: string, lines: string[]): Promise<void> {
  const temp = `${path}~`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(lines.map((line) => `${line}\n`).join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Cuts a partial last line off a datafile. Every record ends with a newline, so a tail without one is an
 * append a crash tore; it was never acknowledged (acks wait for the append and an fsync). Without this,
 * NeDB counts the fragment as corruption and may refuse to load a small file.
 */
export async function truncateTornTail(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(CHUNK);
    let keep = 0;
    for (let end = size; end > 0; end -= CHUNK) {
      const start = Math.max(0, end - CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, end - start, start);
      const index = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
      if (index !== -1) {
        keep = start + index + 1;
        break;
      }
    }
    if (keep < size) {
      await handle.truncate(keep);
      await handle.datasync();
    }
  } finally {
    await handle.close();
  }
}
