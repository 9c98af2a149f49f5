import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openEmbeddedStore } from './embedded-store.ts';

const writer = join(import.meta.dirname, 'embedded-durability.child.ts');
const KILL_AFTER_ACKS = 400;

interface WriterRun {
  inserted: string[];
  increments: number;
}

/** Runs the writer and SIGKILLs it mid-stream, once it has acknowledged KILL_AFTER_ACKS inserts. */
function runAndKill(dataDir: string): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run: WriterRun = { inserted: [], increments: 0 };
    let partial = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'inc') run.increments += 1;
        else if (line.startsWith('insert ')) run.inserted.push(line.slice('insert '.length));
      }
      if (!killed && run.inserted.length >= KILL_AFTER_ACKS) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && killed) resolve(run);
      else reject(new Error(`the writer ended on its own (code ${code}, signal ${signal}) before it was killed:\n${stderr}`));
    });
  });
}

it('keeps every acknowledged write, exactly once, when the writing process is killed with SIGKILL', { timeout: 30_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'heed-durability-'));
  try {
    const run = await runAndKill(dataDir);
    expect(run.inserted.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    const store = await openEmbeddedStore({ dataDir });
    const stored = await store.collection('responses').find({});
    const storedIds = new Set(stored.map((doc) => doc._id));
    expect(run.inserted.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(new Set(stored.map((doc) => doc.submissionId)).size).toBe(stored.length);
    expect(stored.every((doc) => doc.receivedAt instanceof Date)).toBe(true);

    const counter = await store.collection('rollups').findOne({ _id: 'writes' });
    expect(counter?.responses ?? 0).toBeGreaterThanOrEqual(run.increments);
    await store.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
