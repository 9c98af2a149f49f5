/**
 * A worker process killed with SIGKILL in the middle of a delivery: another worker process must deliver
 * every alert, re-sending the interrupted one with the same delivery id and never minting a second id for
 * the same response, owner and channel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { ingestSubmission } from './ingest.ts';
import { startReceiver, tempDir, testConfig } from './test-support.ts';

const packageDir = join(import.meta.dirname, '..', '..');
const workerScript = join(import.meta.dirname, 'outbox-crash-worker.ts');
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Worker {
  child: ChildProcess;
  exited: Promise<number | null>;
}

async function startWorker(dataDir: string, configPath: string, workerId: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, dataDir, configPath, workerId], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker ${workerId} exited (${code}) before it was ready:\n${stderr}`)));
  });
  return { child, exited };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

it('a worker killed mid-delivery loses no alert and never mints a second delivery id', { timeout: 60_000 }, async () => {
  // The receiver takes every request but holds the third one open: that is where the worker dies.
  const accepted = new Set<string>();
  let held = false;
  const inbox = await startReceiver((request, index, res) => {
    if (index === 2) {
      held = true;
      return;
    }
    accepted.add(String(request.headers['heed-delivery-id']));
    res.end();
  });
  cleanup.push(inbox.close);

  const dir = await tempDir('heed-crash-');
  cleanup.push(dir.remove);
  const dataDir = join(dir.path, 'data');
  const configPath = join(dir.path, 'heed.config.json');
  const config = testConfig({
    owners: [{ id: 'pm-editor', name: 'Editor PM', webhookUrl: `${inbox.url}/hook`, webhookSecret: 'whsec-crash-0123456789' }],
    routes: [{ when: { productArea: 'editor' }, owner: 'pm-editor' }],
    rotation: undefined,
  });
  await writeFile(configPath, JSON.stringify(config));

  const responses = 6;
  const seeding = await openSqliteStore({ dataDir });
  for (let i = 0; i < responses; i += 1) {
    await ingestSubmission(
      { store: seeding, config, clock: () => new Date() },
      { submissionId: randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', answers: { score: 1 }, respondent: {}, context: {} },
    );
  }
  await seeding.close();

  const first = await startWorker(dataDir, configPath, 'worker-1');
  await waitFor(() => held, 'the third delivery to arrive');
  first.child.kill('SIGKILL');
  await first.exited;

  const second = await startWorker(dataDir, configPath, 'worker-2');
  await waitFor(() => accepted.size === responses, `${responses} accepted deliveries`);
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);

  const store = await openSqliteStore({ dataDir });
  try {
    const alerts = await store.alerts.page({}, 100);
    expect(alerts).toHaveLength(responses);
    expect(alerts.every((alert) => alert.status === 'delivered')).toBe(true);
    expect(new Set(alerts.map((alert) => alert._id))).toEqual(accepted);
  } finally {
    await store.close();
  }

  // One delivery id per response (one owner, one channel); the interrupted one was sent again, unchanged.
  const idsByResponse = new Map<string, Set<string>>();
  for (const request of inbox.requests) {
    const { response } = JSON.parse(request.body) as { response: { id: string } };
    const ids = idsByResponse.get(response.id) ?? new Set<string>();
    ids.add(String(request.headers['heed-delivery-id']));
    idsByResponse.set(response.id, ids);
  }
  expect(idsByResponse.size).toBe(responses);
  expect([...idsByResponse.values()].every((ids) => ids.size === 1)).toBe(true);
  const interrupted = String(inbox.requests[2]?.headers['heed-delivery-id']);
  expect(inbox.requests.filter((r) => r.headers['heed-delivery-id'] === interrupted)).toHaveLength(2);
  expect(inbox.requests).toHaveLength(responses + 1);
});
