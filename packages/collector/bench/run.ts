/**
 * `pnpm bench`: the collector users run (`pnpm start`'s `dist/server.js`: outbox and digest on, every routed alert delivered to
 * a local webhook receiver), over a store seeded by `pnpm seed` with 1M answers and 3M displays, measured
 * against a bare Fastify app side by side. Prints one markdown table with the targets beside the figures;
 * exits 1 when a figure misses its target.
 *
 *   pnpm bench                                   everything (scale, page load, ingest)
 *   pnpm bench -- --scale                        the scale measurements only (no load)
 *   pnpm bench -- --only ingest,page-load        some parts: scale, page-load, ingest
 *   pnpm bench -- --responses 20000              a smaller store (displays: 3 x responses)
 *   BENCH_SECONDS=4 BENCH_ROUNDS=1 pnpm bench    shorter load phases
 *   MONGODB_URI=mongodb://127.0.0.1:27017/heed-bench pnpm bench -- --responses 20000
 *   pnpm bench -- --collector ../other/packages/collector   another checkout's collector, for a before/after
 *
 * The seeded store is kept in the system temp dir (heed-bench-seed/<responses>-<displays>-<days>-<seed>)
 * and copied for each run, since the load adds answers; `--fresh` seeds it again, `--data-dir DIR` uses an
 * existing data directory as it is. With MONGODB_URI the seed goes to that database (use one for the
 * bench alone), every run.
 *
 * Env: BENCH_SECONDS (8, per load run), BENCH_ROUNDS (3), BENCH_CONNECTIONS (32), BENCH_RATE (1000, the
 * fixed-rate runs), BENCH_SAMPLES (30 timed requests per console route), BENCH_IDLE_SECONDS (10),
 * BENCH_SEED_BATCH (the seed's records in flight), BENCH_PROFILE (a directory: the collector writes a CPU profile there).
 * Everything runs on loopback; every loop is bounded in count and time.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { directorySize } from '../scripts/directory-size.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import { userCount } from '../scripts/seed-data.ts';
import { writeBenchConfig } from './bench-config.ts';
import { cpuCores, rssBytes } from './process-stats.ts';
import { surveysOneAtATime, type OneAtATime } from './one-at-a-time.ts';
import { startHeed, startHelper, type Running, type RunningHeed } from './processes.ts';
import { measureConsole, type ConsoleFigures } from './scale.ts';
import { measureStore, type StoreFigures } from './store-ops.ts';
import { sideBySide, type SideBySide } from './side-by-side.ts';
import { renderTable, type Row } from './table.ts';
import { ingestRequests, pageLoadRequests, type AlertCounter } from './workloads.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    responses: { type: 'string', default: '1000000' },
    displays: { type: 'string' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '1' },
    scale: { type: 'boolean', default: false },
    only: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    collector: { type: 'string' },
  },
});
const env = process.env;
const num = (text: string | undefined, fallback: number) => (text === undefined || text === '' ? fallback : Number(text));
const responses = num(values.responses, 1_000_000);
const displays = num(values.displays, responses * 3);
const days = num(values.days, 365);
const seedValue = num(values.seed, 1);
const phase = { seconds: num(env.BENCH_SECONDS, 8), rounds: num(env.BENCH_ROUNDS, 3), connections: num(env.BENCH_CONNECTIONS, 32), rate: num(env.BENCH_RATE, 1000) };
const samples = num(env.BENCH_SAMPLES, 30);
const idleMs = num(env.BENCH_IDLE_SECONDS, 10) * 1000;
const mongoUri = env.MONGODB_URI || undefined;
const repoRoot = resolve(import.meta.dirname, '../../..');
const demoConfig = join(repoRoot, 'heed.config.json');
const adminToken = 'bench-admin-token-0123456789abcdef';
const people = userCount({ responses, displays });
const startedAt = performance.now();
const parts = new Set((values.only ?? (values.scale ? 'scale' : 'scale,page-load,ingest')).split(','));
for (const part of parts) if (!['scale', 'page-load', 'ingest'].includes(part)) throw new Error(`--only: unknown part "${part}"`);

const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

interface SeedSummary {
  seconds: number;
  responseSeconds: number;
  displaySeconds: number;
  new: number;
  alerts: number;
  bytes?: number;
}

/** Runs `pnpm seed`'s script into `dataDir` (or MongoDB) and answers its summary. */
function runSeed(dataDir: string): Promise<SeedSummary> {
  return new Promise((resolvePromise, reject) => {
    const args = ['--import', 'tsx', 'scripts/seed.ts', '--responses', String(responses), '--displays', String(displays), '--days', String(days), '--seed', String(seedValue), '--data-dir', dataDir, '--json', ...(env.BENCH_SEED_BATCH ? ['--batch', env.BENCH_SEED_BATCH] : [])];
    const child = spawn(process.execPath, args, { cwd: resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, HEED_CONFIG: demoConfig } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('exit', (code) => {
      const line = /^seed-summary (.*)$/m.exec(output);
      if (code !== 0 || !line) reject(new Error(`the seed exited with ${code}`));
      else resolvePromise(JSON.parse(line[1]!) as SeedSummary);
    });
  });
}

/** The data directory the collector runs on, and how the seed went. */
async function prepareData(work: string): Promise<{ dataDir: string; seed: SeedSummary | undefined; seedNote: string }> {
  if (values['data-dir']) return { dataDir: resolve(env.INIT_CWD ?? process.cwd(), values['data-dir']), seed: undefined, seedNote: 'given data directory' };
  const dataDir = join(work, 'data');
  if (mongoUri) {
    log(`seeding MongoDB: ${responses} responses, ${displays} displays`);
    const seed = await runSeed(dataDir);
    return { dataDir, seed, seedNote: 'seeded now' };
  }
  const cache = join(tmpdir(), 'heed-bench-seed', `${responses}-${displays}-${days}-${seedValue}`);
  const summaryPath = join(cache, 'seed-summary.json');
  if (values.fresh || !existsSync(summaryPath)) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    log(`seeding ${cache}: ${responses} responses, ${displays} displays`);
    const seed = await runSeed(join(cache, 'data'));
    writeFileSync(summaryPath, JSON.stringify({ ...seed, at: new Date().toISOString() }));
  }
  const seed = JSON.parse(readFileSync(summaryPath, 'utf8')) as SeedSummary & { at: string };
  // A store seeded by an earlier schema is brought up to this one here, once, so that the start-up measured
  // is a start, not a migration.
  const migrating = performance.now();
  await (await openSqliteStore({ dataDir: join(cache, 'data') })).close();
  const migrationMs = performance.now() - migrating;
  if (migrationMs > 1000) log(`the seeded store took ${(migrationMs / 1000).toFixed(1)} s to open (migrations to the current schema)`);
  cpSync(join(cache, 'data'), dataDir, { recursive: true });
  return { dataDir, seed, seedNote: `seeded ${seed.at.slice(0, 16).replace('T', ' ')} UTC, copied` };
}

async function receiverStats(receiver: Running): Promise<{ alerts: number; digests: number; repeats: number }> {
  const response = await fetch(`${receiver.url}/stats`);
  return (await response.json()) as { alerts: number; digests: number; repeats: number };
}

/**
 * Alerts the collector holds with `status` created since `since` (newest first, so paging stops at the
 * first older one), at most 100 pages of 500.
 */
async function alertsSince(heed: Running, status: 'pending' | 'failed', since: Date): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const url = `${heed.url}/v1/alerts?status=${status}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${adminToken}` } });
    if (!response.ok) throw new Error(`GET /v1/alerts answered ${response.status}`);
    const body = (await response.json()) as { items: { createdAt: string }[]; nextCursor?: string | null };
    for (const item of body.items) {
      if (Date.parse(item.createdAt) < since.getTime()) return count;
      count += 1;
    }
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  return count;
}

/**
 * Waits until every alert the collector created since `since` has reached the receiver (none pending), for
 * at most `maxMs`, or until none arrived for `quietMs`; answers how long it waited.
 */
async function drain(receiver: Running, heed: Running, counter: AlertCounter, since: Date, maxMs: number, quietMs = 15_000): Promise<number> {
  let last = -1;
  let lastChange = performance.now();
  const started = performance.now();
  while (performance.now() - started < maxMs) {
    const { alerts } = await receiverStats(receiver);
    // The load generator's count is a floor (it misses answers in flight when a run stops); then ask the collector.
    if (alerts >= counter.actionable && (await alertsSince(heed, 'pending', since)) === 0) break;
    if (alerts !== last) {
      last = alerts;
      lastChange = performance.now();
    } else if (performance.now() - lastChange > quietMs) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return performance.now() - started;
}

const work = mkdtempSync(join(tmpdir(), 'heed-bench-'));
const running: Running[] = [];
const rows: Row[] = [];
let exitCode = 0;
try {
  const { dataDir, seed, seedNote } = await prepareData(work);
  let storeFigures: StoreFigures | undefined;
  if (parts.has('scale') && !mongoUri) {
    log('\nthe store alone (no HTTP)');
    storeFigures = await measureStore(dataDir, people, samples, log);
  }
  const receiver = await startHelper('receiver.ts');
  running.push(receiver);
  const configPath = join(work, 'heed.bench.json');
  const config = writeBenchConfig(demoConfig, receiver.url, configPath);

  log('\nstarting the collector (dist/server.js, outbox and digest on)');
  const collectorDir = values.collector ? resolve(env.INIT_CWD ?? process.cwd(), values.collector) : undefined;
  const heed: RunningHeed = await startHeed({ configPath, dataDir, adminToken, logPath: join(work, 'heed.log'), mongoUri, ...(collectorDir && { collectorDir }) });
  running.push(heed);
  await new Promise((r) => setTimeout(r, 1000));
  const rssAfterStart = rssBytes(heed.pid);
  log(`  ready in ${heed.startupMs.toFixed(0)} ms, RSS ${mb(rssAfterStart)}`);
  const idleAtStart = await cpuCores(heed.pid, idleMs);
  log(`  idle CPU over ${idleMs / 1000} s: ${idleAtStart.toFixed(3)} cores`);

  let scale: ConsoleFigures | undefined;
  if (parts.has('scale')) {
    log('\nconsole requests');
    scale = await measureConsole({ heed, adminToken, samples, owner: config.owners[0]!.id, now: new Date(), log });
  }
  const bytes = mongoUri ? undefined : directorySize(dataDir);

  let pageLoad: SideBySide | undefined;
  let seenOneAtATime: { heed: OneAtATime; bare: OneAtATime } | undefined;
  let ingest: SideBySide | undefined;
  let delivery: { delivered: number; total: number; repeats: number; drainMs: number } | undefined;
  let idleAfterLoad: number | undefined;
  const bare = parts.has('page-load') || parts.has('ingest') ? await startHelper('bare-fastify.ts') : undefined;
  if (bare) running.push(bare);
  if (bare && parts.has('page-load')) {
    log(`\npage load: GET /v1/projects/pk_demo/surveys?userId= (${people.toLocaleString('en')} people) vs a bare Fastify GET`);
    pageLoad = await sideBySide({ heed, bare, requests: () => pageLoadRequests(people), log, label: 'page load' }, phase);
    const count = Math.max(200, samples * 5);
    seenOneAtATime = { heed: await surveysOneAtATime(heed.url, people, count), bare: await surveysOneAtATime(bare.url, people, count) };
    log(`  one at a time: heed p50 ${seenOneAtATime.heed.p50.toFixed(2)} ms, p95 ${seenOneAtATime.heed.p95.toFixed(2)} ms; bare p50 ${seenOneAtATime.bare.p50.toFixed(2)} ms, p95 ${seenOneAtATime.bare.p95.toFixed(2)} ms`);
  }
  if (bare && parts.has('ingest')) {
    log('\ningest: POST /v1/responses vs a bare Fastify JSON endpoint, alerts delivered to the receiver');
    const counter: AlertCounter = { actionable: 0, accepted: 0 };
    const alertsBefore = (await receiverStats(receiver)).alerts;
    const loadStarted = new Date();
    counter.actionable += alertsBefore; // anything delivered before the load (none expected: the seed's alerts are settled)
    let drainMs = 0;
    ingest = await sideBySide(
      {
        heed,
        bare,
        requests: (side) => ingestRequests(side === 'heed' ? counter : { actionable: 0, accepted: 0 }),
        afterHeed: async () => {
          drainMs = Math.max(drainMs, await drain(receiver, heed, counter, loadStarted, 30_000));
        },
        log,
        label: 'ingest',
      },
      phase,
    );
    drainMs = Math.max(drainMs, await drain(receiver, heed, counter, loadStarted, 120_000));
    const stats = await receiverStats(receiver);
    // The collector's own account: every alert it created during the load is delivered, still pending, or
    // failed. (The load generator's count misses the answers in flight when each run stops.)
    const pending = await alertsSince(heed, 'pending', loadStarted);
    const failed = await alertsSince(heed, 'failed', loadStarted);
    const delivered = stats.alerts - alertsBefore;
    delivery = { delivered, total: delivered + pending + failed, repeats: stats.repeats, drainMs };
    log(
      `  alerts delivered ${delivered}/${delivery.total} (${pending} pending, ${failed} failed; ${counter.actionable - alertsBefore} routable answers acknowledged ` +
        `to the load generator), ${stats.repeats} repeats, ${stats.digests} digests; longest wait after a run ${(drainMs / 1000).toFixed(1)} s`,
    );
    await new Promise((r) => setTimeout(r, 2000));
    idleAfterLoad = await cpuCores(heed.pid, idleMs);
    log(`  idle CPU after the load over ${idleMs / 1000} s: ${idleAfterLoad.toFixed(3)} cores`);
  }

  // The table.
  const check = (ok: boolean) => {
    if (!ok) exitCode = 1;
    return ok ? 'ok' : 'MISSED';
  };
  if (seed) rows.push(['seed (`pnpm seed`)', `${seed.seconds.toFixed(0)} s (responses ${seed.responseSeconds.toFixed(0)} s, displays ${seed.displaySeconds.toFixed(0)} s)`, 'about a minute for 1M responses', '']);
  rows.push(['start-up to /readyz', ms(heed.startupMs), '< 2 s', check(heed.startupMs < 2000)]);
  rows.push(['RSS after start', mb(rssAfterStart), '< 300 MB', check(rssAfterStart < 300 * 1048576)]);
  for (const request of scale?.requests ?? []) {
    rows.push([`${request.name}: \`GET ${request.path.replace(/cursor=[^&]+/, 'cursor=…')}\``, `p50 ${ms(request.latency.p50)}, p95 ${ms(request.latency.p95)}`, 'p95 < 50 ms', check(request.latency.p95 < 50)]);
  }
  if (storeFigures) {
    rows.push(['seenBy in the store (no HTTP)', `p50 ${ms(storeFigures.seenBy.p50)}, p95 ${ms(storeFigures.seenBy.p95)}`, '< 1 ms', check(storeFigures.seenBy.p95 < 1)]);
    const { random, ordered } = storeFigures.record;
    rows.push([
      'recording an answer with its alert in the store, 32 in flight: random ids vs time-ordered ids',
      `${random.perSecond.toFixed(0)}/s at ${random.cpuUs.toFixed(0)} us CPU vs ${ordered.perSecond.toFixed(0)}/s at ${ordered.cpuUs.toFixed(0)} us (ratio ${(ordered.perSecond / random.perSecond).toFixed(2)})`,
      '',
      '',
    ]);
  }
  if (seenOneAtATime) {
    const { heed: one, bare: base } = seenOneAtATime;
    rows.push(['seenBy: surveys GET with userId, one at a time', `p50 ${ms(one.p50)}, p95 ${ms(one.p95)} (bare GET ${ms(base.p50)}, ${ms(base.p95)})`, '< 1 ms', check(one.p95 < 1)]);
  }
  if (scale) rows.push([`CSV export (\`GET /v1/responses.csv\`, ${scale.csv.rows.toLocaleString('en')} rows)`, `${scale.csv.seconds.toFixed(1)} s, peak RSS ${mb(scale.csv.peakRssBytes)}`, '< 30 s at < 350 MB', check(scale.csv.seconds < 30 && scale.csv.peakRssBytes < 350 * 1048576)]);
  if (bytes !== undefined) rows.push(['database on disk', mb(bytes), '', '']);
  rows.push(['idle CPU (after start' + (idleAfterLoad === undefined ? ')' : ' / after the load)'), `${idleAtStart.toFixed(3)}${idleAfterLoad === undefined ? '' : ` / ${idleAfterLoad.toFixed(3)}`} cores`, '< 0.02 cores', check(Math.max(idleAtStart, idleAfterLoad ?? 0) < 0.02)]);
  if (ingest && delivery) {
    rows.push([`ingest at saturation (${phase.connections} connections): heed vs bare`, `${ingest.heed.rps.toFixed(0)}/s vs ${ingest.bare.rps.toFixed(0)}/s, ratio ${ingest.ratio.toFixed(2)}`, '>= 0.6 (aim 0.8)', check(ingest.ratio >= 0.6)]);
    rows.push([`ingest p99 at ${phase.connections} connections`, `${ms(ingest.heed.p99)} (bare ${ms(ingest.bare.p99)})`, '< 20 ms', check(ingest.heed.p99 < 20)]);
    rows.push([`ingest at ${phase.rate}/s: p50 / p99`, `${ms(ingest.heed.fixedP50)} / ${ms(ingest.heed.fixedP99)} (bare ${ms(ingest.bare.fixedP50)} / ${ms(ingest.bare.fixedP99)})`, '', '']);
    rows.push(['ingest CPU per answer, heed vs bare', `${ingest.heed.cpuPerRequestUs.toFixed(0)} us vs ${ingest.bare.cpuPerRequestUs.toFixed(0)} us`, '', '']);
    rows.push(['routed alerts delivered to the receiver during the run', `${delivery.delivered}/${delivery.total}`, 'all', check(delivery.delivered === delivery.total)]);
  }
  if (pageLoad) {
    rows.push([`page load at saturation: heed vs bare GET`, `${pageLoad.heed.rps.toFixed(0)}/s vs ${pageLoad.bare.rps.toFixed(0)}/s, ratio ${pageLoad.ratio.toFixed(2)}`, '>= 0.6', check(pageLoad.ratio >= 0.6)]);
    rows.push([`page load p99 at ${phase.connections} connections`, `${ms(pageLoad.heed.p99)} (bare ${ms(pageLoad.bare.p99)})`, '< 10 ms', check(pageLoad.heed.p99 < 10)]);
    rows.push([`page load at ${phase.rate}/s: p50 / p99`, `${ms(pageLoad.heed.fixedP50)} / ${ms(pageLoad.heed.fixedP99)} (bare ${ms(pageLoad.bare.fixedP50)} / ${ms(pageLoad.bare.fixedP99)})`, '', '']);
  }
  const engine = mongoUri ? 'MongoDB (MONGODB_URI)' : 'embedded SQLite';
  const title =
    `${engine}, ${responses.toLocaleString('en')} responses + ${displays.toLocaleString('en')} displays (${seedNote}), ` +
    `${availableParallelism()} cores; load runs of ${phase.seconds} s x ${phase.rounds} rounds; bench took ${((performance.now() - startedAt) / 60000).toFixed(1)} min`;
  process.stdout.write(`\n${title}\n\n${renderTable(rows)}\n`);
} finally {
  for (const process_ of running.reverse()) await process_.stop();
  if (values.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exitCode = exitCode;
