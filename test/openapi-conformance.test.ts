/**
 * The collector against its own `/openapi.json`: schemathesis (installed by scripts/setup-test-deps.sh into
 * `.tools/schemathesis`) generates requests for every documented operation, the admin API with the bearer
 * token, and runs all its checks: no 5xx, no status, content type or body the document does not state,
 * schema-violating input refused, wrong methods answered 405. It runs for a bounded time against the real
 * server process; test/schemathesis/schemathesis.toml names the few operations whose valid-looking input a
 * rule outside the schema may refuse.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCollectorProcess, TEST_ADMIN_TOKEN, type CollectorProcess } from './helpers/start-collector.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SCHEMATHESIS = join(ROOT, '.tools/schemathesis/bin/schemathesis');
const CONFIG = join(ROOT, 'test/schemathesis/schemathesis.toml');
/** Seconds of generated requests: enough for every phase to reach every operation on two shared cores. */
const MAX_TIME_S = 60;

let collector: CollectorProcess;
let workDir: string;

beforeAll(async () => {
  collector = await startCollectorProcess();
  workDir = await mkdtemp(join(tmpdir(), 'heed-schemathesis-'));
});

afterAll(async () => {
  await collector?.dispose();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, output }));
  });
}

it(
  'answers every generated request as /openapi.json documents, with no 5xx',
  async () => {
    expect(existsSync(SCHEMATHESIS), `schemathesis is not installed: run "bash scripts/setup-test-deps.sh"`).toBe(true);
    const { code, output } = await run(
      SCHEMATHESIS,
      [
        '--no-color',
        '--config-file',
        CONFIG,
        'run',
        `${collector.url}/openapi.json`,
        '--checks',
        'all',
        '--max-time',
        String(MAX_TIME_S),
        '--workers',
        '1',
        '--header',
        `Authorization: Bearer ${TEST_ADMIN_TOKEN}`,
      ],
      workDir,
    );
    // The whole report on failure: each finding comes with a curl command that reproduces it.
    expect(code, output).toBe(0);
    expect(output).toMatch(/Tested: \d+/);
    expect(collector.output()).not.toMatch(/"level":50/); // nothing was logged as an error
  },
  (MAX_TIME_S + 90) * 1000,
);
