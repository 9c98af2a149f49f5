import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes in the files under `dir` (a data directory: the database, its WAL and anything beside them). */
export function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(path) : statSync(path).size;
  }
  return total;
}
