/**
 * Tests that read the production build call this: it runs `vite build` when dist/ is missing or older
 * than the sources, one process at a time (a lock directory), so parallel test files never read a
 * half-written dist/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const widgetDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(widgetDir, 'dist');
const lockDir = join(widgetDir, '.build-lock');
const LOCK_STALE_MS = 120_000;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  try {
    const built = statSync(join(distDir, '.vite', 'manifest.json')).mtimeMs;
    const sources = Math.max(
      newestSource(join(widgetDir, 'src')),
      newestSource(join(widgetDir, '..', 'shared', 'src')),
      statSync(join(widgetDir, 'vite.config.ts')).mtimeMs,
    );
    return sources > built;
  } catch {
    return true;
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // Someone else holds it; break it if its owner died long ago.
    const lock = statSync(lockDir, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
    return false;
  }
}

/** The widget's dist/ directory, freshly built if it was stale. */
export async function ensureBuild(): Promise<string> {
  for (let waited = 0; isStale(); waited += 200) {
    if (waited > LOCK_STALE_MS) throw new Error('Timed out waiting for another widget build');
    if (!tryLock()) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      // A child process, as `pnpm build` runs it: inside a test runner NODE_ENV is "test", which
      // would give a development build.
      const vite = join(createRequire(join(widgetDir, 'package.json')).resolve('vite/package.json'), '..', 'bin', 'vite.js');
      if (isStale()) await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: widgetDir, env: { ...process.env, NODE_ENV: 'production' } });
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
  return distDir;
}
