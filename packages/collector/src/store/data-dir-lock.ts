/**
 * One process owns an embedded data directory: two collectors appending to the same datafiles would each
 * hold a different truth in memory. The owner's pid is kept in `heed.lock`; a lock left by a process that
 * no longer runs (a crash, kill -9) is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface DataDirLock {
  release(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, 'heed.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      let released: Promise<void> | undefined;
      return { release: () => (released ??= rm(path, { force: true })) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new Error(`the data directory ${dataDir} is in use by process ${holder}; one collector may use it at a time (use MongoDB to run several)`);
    }
    await rm(path, { force: true }); // stale: its process is gone (or it is this one, reopening)
  }
  throw new Error(`could not lock the data directory ${dataDir}`);
}
