/**
 * What one answer costs the collector beyond HTTP: CPU per `ingestSubmission` over the embedded store, with
 * its effects (alerts, rollup counts) queued and batched as the HTTP API does, from 32 concurrent callers
 * for a few seconds, in this process. Compare with the HTTP benchmark (ingest-throughput.ts) to tell the
 * framework's share from the store's.
 *
 *   cd packages/collector && npx tsx bench/ingest-cpu.ts [seconds]
 */
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeedConfigSchema, type Submission } from '@heed/shared';
import { createIngestEffects } from '../src/domain/ingest-effects.ts';
import { ingestSubmission } from '../src/domain/ingest.ts';
import { openEmbeddedStore } from '../src/store/embedded-store.ts';
import { benchConfig } from './servers/bench-config.ts';

const seconds = Number(process.argv[2] ?? 5);
const callers = 32;

function submission(): Submission {
  const score = randomInt(0, 11);
  return {
    submissionId: randomUUID(),
    projectKey: 'pk_bench',
    surveyId: 'app-nps',
    answers: randomInt(0, 3) === 0 ? { score, comment: 'The export dialog is slow on big documents' } : { score },
    respondent: { userId: `u_${randomInt(0, 100_000)}` },
    context: { plan: randomInt(0, 2) === 0 ? 'saas' : 'self-managed', url: 'https://app.example.com/editor' },
  };
}

const dataDir = await mkdtemp(join(tmpdir(), 'heed-bench-cpu-'));
const store = await openEmbeddedStore({ dataDir });
const deps = { store, config: HeedConfigSchema.parse(benchConfig), clock: () => new Date() };
const effects = createIngestEffects(deps, { onError: (error) => console.error(error) });

/** Runs the callers for `ms`; how many answers they stored. */
async function run(ms: number): Promise<number> {
  let stored = 0;
  const until = performance.now() + ms;
  const caller = async () => {
    while (performance.now() < until) {
      await ingestSubmission({ ...deps, effects }, submission());
      stored += 1;
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  await effects.drain();
  return stored;
}

try {
  await run(1000); // warm-up
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stored = await run(seconds * 1000);
  const { user, system } = process.cpuUsage(cpu);
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${(stored / elapsed).toFixed(0)} answers/s; ${((user + system) / stored).toFixed(1)} us CPU per answer (user ${(user / stored).toFixed(1)}, system ${(system / stored).toFixed(1)}), effects included`,
  );
} finally {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
