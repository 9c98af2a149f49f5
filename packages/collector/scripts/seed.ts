/**
 * `pnpm seed`: fills a store with a year of realistic demo data (see seed-data.ts), written through the
 * store contract (`responses.record` with its alerts, `displays.record`), so the report counts, indexes
 * and everything the console reads come out as live traffic would leave them. Many records are in flight
 * at once, so the store's group commit writes them in large transactions.
 *
 *   pnpm seed -- --responses 1000000 --displays 3000000 --days 365
 *   pnpm seed -- --data-dir /tmp/heed-demo --seed 7
 *
 * Options: --responses (50000), --displays (3 x responses), --days (365), --seed (1), --now (an ISO time;
 * default now: the data ends there), --data-dir (HEED_DATA_DIR, else .heed-data), --config (HEED_CONFIG,
 * else the repository's heed.config.json), --batch (records in flight: 20000, or 20 on MongoDB), --json (a summary line on stdout). With MONGODB_URI set the data
 * goes to MongoDB instead. The same options give the same data, ids included: seeding twice stores nothing
 * the second time. The collector must not be running on the same data directory.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/load-config.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { directorySize } from './directory-size.ts';
import { FAILURES, seedDisplays, seedResponses, userCount, type SeedOptions } from './seed-data.ts';
import { Random } from './seeded-random.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    responses: { type: 'string', default: '50000' },
    displays: { type: 'string' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '1' },
    now: { type: 'string' },
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    batch: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

function count(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got "${text}"`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n`);
  process.exit(1);
}

const env = process.env;
const baseDir = env.INIT_CWD ?? process.cwd();
const repoRoot = resolve(import.meta.dirname, '../../..');
const responses = count('responses', values.responses);
const displays = values.displays === undefined ? responses * 3 : count('displays', values.displays);
const days = Math.max(1, count('days', values.days));
// MongoDB takes concurrent writes one by one (a wire-protocol server on SQLite, such as FerretDB, refuses
// thousands at once), so fewer are in flight there.
const batch = Math.max(1, count('batch', values.batch ?? (env.MONGODB_URI ? '20' : '20000')));
const now = values.now === undefined ? new Date() : new Date(values.now);
if (Number.isNaN(now.getTime())) fail(`--now must be an ISO date-time, got "${values.now}"`);
const configPath = resolve(baseDir, values.config ?? env.HEED_CONFIG ?? resolve(repoRoot, 'heed.config.json'));
const dataDir = resolve(baseDir, values['data-dir'] ?? env.HEED_DATA_DIR ?? '.heed-data');
const mongoUri = env.MONGODB_URI || undefined;

// Owner URLs may be paths resolved against the collector's address; the seed sends nothing, so the default will do.
const config = await loadConfig(configPath, { listenUrl: `http://127.0.0.1:${env.PORT || 8787}` }).catch((error: Error) => fail(error.message));
const options: SeedOptions = { config, seed: count('seed', values.seed), responses, displays, days, now };
const store = await openStore({ mongoUri, dataDir, bulk: true }).catch((error: Error) => fail(`cannot open the store: ${error.message}`));
const where = mongoUri ? 'MongoDB (MONGODB_URI)' : dataDir;
log(`seeding ${where}: ${responses} responses, ${displays} displays over ${days} days to ${now.toISOString()}, ${userCount(options)} people, seed ${options.seed}`);

/**
 * Writes every item, `batch` at a time: all of a batch are asked for in one turn of the event loop, so the
 * store's group commit writes them in one transaction (SQLite) or one round of concurrent writes (MongoDB).
 */
async function writeInBatches<T>(label: string, total: number, items: Iterable<T>, write: (item: T) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  let written = 0;
  let lastReport = started;
  let chunk: Promise<unknown>[] = [];
  const flush = async () => {
    await Promise.all(chunk);
    chunk = [];
    const time = performance.now();
    if (time - lastReport >= 2000) {
      lastReport = time;
      log(`  ${label} ${written.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round(written / ((time - started) / 1000)).toLocaleString('en')}/s)`);
    }
  };
  for (const item of items) {
    chunk.push(write(item));
    written += 1;
    if (chunk.length >= batch) await flush();
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  log(`  ${label}: ${written.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(written / Math.max(seconds, 0.001)).toLocaleString('en')}/s)`);
  return seconds;
}

async function seed(store: Store) {
  const tally = { new: 0, duplicate: 0, alerts: 0, failedAlerts: 0, comments: 0, routed: 0, unrouted: 0, triaged: 0, displaysNew: 0 };
  const started = performance.now();
  const responseSeconds = await writeInBatches('responses', responses, seedResponses(options), async ({ response, alerts }) => {
    const { duplicate } = await store.responses.record(response, alerts);
    if (duplicate) {
      tally.duplicate += 1;
      return;
    }
    tally.new += 1;
    tally.alerts += alerts.length;
    if (response.hasComment) tally.comments += 1;
    if (response.routing.status === 'routed') tally.routed += 1;
    if (response.routing.status === 'unrouted') tally.unrouted += 1;
    if (response.triage.status !== 'new') tally.triaged += 1;
  });
  tally.failedAlerts = await failPendingAlerts(store);
  const displaySeconds = await writeInBatches('displays', displays, seedDisplays(options), async (display) => {
    if (await store.displays.record(display)) tally.displaysNew += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const size = mongoUri ? undefined : directorySize(dataDir);
  log(
    [
      `seeded in ${seconds.toFixed(1)} s (responses ${responseSeconds.toFixed(1)} s, displays ${displaySeconds.toFixed(1)} s)`,
      `  responses: ${tally.new.toLocaleString('en')} new, ${tally.duplicate.toLocaleString('en')} already there; ${tally.comments.toLocaleString('en')} with a comment`,
      `  routing: ${tally.routed.toLocaleString('en')} routed, ${tally.unrouted.toLocaleString('en')} unrouted; ${tally.triaged.toLocaleString('en')} triaged past "new"`,
      `  alerts: ${tally.alerts.toLocaleString('en')} (${tally.failedAlerts} failed after their retries, the rest delivered)`,
      `  displays: ${tally.displaysNew.toLocaleString('en')} new, ${(displays - tally.displaysNew).toLocaleString('en')} already there`,
      ...(size === undefined ? [] : [`  data directory: ${(size / 1048576).toFixed(1)} MB`]),
    ].join('\n'),
  );
  // `--json`: one machine-readable line for the bench.
  if (values.json) process.stdout.write(`seed-summary ${JSON.stringify({ seconds, responseSeconds, displaySeconds, ...tally, bytes: size })}\n`);
}

/**
 * Fails the alerts the seed left pending (the few whose receiver kept refusing), through the outbox's
 * protocol: claim the next due alert, record a failed attempt under the lease, until none is due. Bounded:
 * at most one pass over what was pending.
 */
async function failPendingAlerts(store: Store): Promise<number> {
  const holder = 'seed';
  const random = new Random(options.seed ^ 0xfa11);
  let failed = 0;
  for (let i = 0; i < responses; i += 1) {
    const leaseUntil = new Date(now.getTime() + 60_000);
    const alert = await store.alerts.claimNextDue(holder, now, leaseUntil);
    if (!alert) break;
    const at = new Date(Math.min(now.getTime() - 1, alert.createdAt.getTime() + 4 * 3_600_000));
    if (await store.alerts.recordAttempt(alert._id, holder, leaseUntil, { status: 'failed', at, error: random.pick(FAILURES) })) failed += 1;
  }
  return failed;
}

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

try {
  await seed(store);
} finally {
  await store.close();
}
