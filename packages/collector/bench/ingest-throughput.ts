/**
 * Ingest throughput: the collector's `POST /v1/responses` against a bare Fastify JSON endpoint on the same
 * machine, measured side by side in one run (rounds alternate so drift hits both). Each server runs in its
 * own process; the load generator (autocannon) runs here. Every request carries a new submissionId and a
 * random 0-10 score, a third of them a comment, so the full path runs: validation, the durable idempotent
 * insert the 202 waits for, routing, and the rollup and outbox writes the collector batches just after
 * (in the same process, so they count). Budget: Heed >= 60% of the baseline. On a small machine the load
 * generator shares the cores, and other work makes req/s swing; each server's CPU per request, printed
 * beside it, is steadier. `ingest-cpu.ts` measures the store's and domain's share without HTTP.
 *
 *   pnpm bench                 (from the repository root)
 *   BENCH_SECONDS=10 BENCH_ROUNDS=3 BENCH_CONNECTIONS=32 pnpm bench
 */
import { spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const here = import.meta.dirname;

interface Server {
  url: string;
  /** CPU time (user + system) the server process has used so far, in microseconds. */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

interface Measured {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU per request, in microseconds. */
  cpuPerRequest: number;
}

function startServer(script: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'servers', script)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 30 s`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const match = /listening (\d+)/.exec(chunk);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${match[1]}`,
        cpu: () =>
          new Promise((done) => {
            child.once('message', (usage) => done((usage as NodeJS.CpuUsage).user + (usage as NodeJS.CpuUsage).system));
            child.send('cpu');
          }),
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

function body(): string {
  const score = randomInt(0, 11);
  return JSON.stringify({
    submissionId: randomUUID(),
    projectKey: 'pk_bench',
    surveyId: 'app-nps',
    answers: randomInt(0, 3) === 0 ? { score, comment: 'The export dialog is slow on big documents' } : { score },
    respondent: { userId: `u_${randomInt(0, 100_000)}` },
    context: { plan: randomInt(0, 2) === 0 ? 'saas' : 'self-managed', url: 'https://app.example.com/editor' },
  });
}

async function load(url: string, duration: number) {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/v1/responses',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: body() }),
      },
    ],
  });
  return { rps: result.requests.average, total: result.requests.total, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function measure(script: string): Promise<Measured> {
  const server = await startServer(script);
  try {
    await load(server.url, 2); // warm-up: JIT, connection pools, data files
    const cpuBefore = await server.cpu();
    const { total, ...measured } = await load(server.url, seconds);
    return { ...measured, cpuPerRequest: ((await server.cpu()) - cpuBefore) / total };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const baseline: number[] = [];
const heed: number[] = [];
const baselineCpu: number[] = [];
const heedCpu: number[] = [];
for (let round = 1; round <= rounds; round += 1) {
  const bare = await measure('bare-fastify.ts');
  const full = await measure('heed.ts');
  if (full.non2xx > 0 || full.errors > 0 || bare.non2xx > 0 || bare.errors > 0) {
    throw new Error(`round ${round}: failed requests (heed non2xx=${full.non2xx} errors=${full.errors}, bare non2xx=${bare.non2xx} errors=${bare.errors})`);
  }
  baseline.push(bare.rps);
  heed.push(full.rps);
  baselineCpu.push(bare.cpuPerRequest);
  heedCpu.push(full.cpuPerRequest);
  console.log(
    `round ${round}: bare fastify ${bare.rps.toFixed(0)} req/s (p99 ${bare.p99} ms, ${bare.cpuPerRequest.toFixed(1)} us CPU/req), ` +
      `heed ingest ${full.rps.toFixed(0)} req/s (p99 ${full.p99} ms, ${full.cpuPerRequest.toFixed(1)} us CPU/req), ratio ${(full.rps / bare.rps).toFixed(2)}`,
  );
}
const ratio = median(heed) / median(baseline);
console.log(`\ningest throughput: heed ${median(heed).toFixed(0)} req/s vs bare fastify ${median(baseline).toFixed(0)} req/s (medians of ${rounds} rounds, ${seconds} s, ${connections} connections)`);
console.log(`server CPU per request: heed ${median(heedCpu).toFixed(1)} us vs bare fastify ${median(baselineCpu).toFixed(1)} us (medians)`);
console.log(`ratio ${ratio.toFixed(2)} (budget >= 0.60): ${ratio >= 0.6 ? 'within budget' : 'OVER BUDGET'}`);
process.exitCode = ratio >= 0.6 ? 0 : 1;
