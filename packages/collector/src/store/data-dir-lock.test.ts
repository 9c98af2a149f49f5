import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'heed-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lockDataDir', () => {
  it('records the owner and releases the directory', async () => {
    const lock = await lockDataDir(dir);
    expect(await readFile(join(dir, 'heed.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
    await (await lockDataDir(dir)).release();
  });

  it('refuses a directory a running process holds', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, 'heed.lock'), `${child.pid}\n`);
      await expect(lockDataDir(dir)).rejects.toThrow(`is in use by process ${child.pid}`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that is gone', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    await writeFile(join(dir, 'heed.lock'), `${child.pid}\n`);
    const lock = await lockDataDir(dir);
    expect(await readFile(join(dir, 'heed.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });
});
