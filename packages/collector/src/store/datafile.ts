import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;

/**
 * Cuts a partial last line off a datafile. Every record NeDB appends ends with a newline, so a tail without
 * one is an append a crash tore; it was never acknowledged (acks wait for the append and an fsync).
 * Without this, NeDB counts the fragment as corruption and may refuse to load a small file.
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
