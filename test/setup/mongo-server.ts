/**
 * Vitest global setup: gives the Mongo adapter's tests a real MongoDB wire-protocol server.
 * - `MONGODB_URI` set: that server is used as is.
 * - otherwise: FerretDB 1.24 with its SQLite backend (`.tools/ferretdb`, built by scripts/build-ferretdb.sh
 *   when missing) is started on a free loopback port over a temporary directory, and stopped afterwards.
 * Tests read the URI with `inject('mongoUri')` and whether it is FerretDB with `inject('mongoIsFerret')`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoIsFerret: boolean;
  }
}

const root = resolve(import.meta.dirname, '../..');
const binary = join(root, '.tools', 'ferretdb');

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ferretdb exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ferretdb did not listen on port ${port} within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    project.provide('mongoIsFerret', false);
    return;
  }
  if (!existsSync(binary)) {
    const build = spawnSync('bash', [join(root, 'scripts', 'build-ferretdb.sh')], { stdio: 'inherit' });
    if (build.status !== 0) {
      throw new Error('MONGODB_URI is not set and FerretDB could not be built (needs Go): the Mongo adapter cannot be tested');
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'heed-ferretdb-'));
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--state-dir=${dir}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  await waitForPort(port, child, 20_000);
  project.provide('mongoUri', `mongodb://127.0.0.1:${port}/`);
  project.provide('mongoIsFerret', true);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  };
}
