/**
 * The store's own figures on the seeded data, without HTTP: `seenBy` (the read behind every page view of
 * an identified person) and the cost of recording an answer with its alert, with random (v4) ids and with
 * the time-ordered (v7) ids the collector makes, side by side. Runs before the collector starts, on the
 * run's copy of the seeded store (SQLite allows one process per data directory); opening it also applies
 * any migration the seeded copy predates, so the collector's start-up is measured on the current schema.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { timeOrderedId } from '../src/domain/ids.ts';
import { openSqliteStore } from '../src/store/sqlite-store.ts';
import type { AlertDoc, ResponseDoc } from '../src/store/store.ts';
import { userId } from '../scripts/seed-data.ts';

export interface StoreFigures {
  migrateMs: number;
  seenBy: { p50: number; p95: number };
  record: Record<'random' | 'ordered', { perSecond: number; cpuUs: number }>;
}

const RECORDS = 4000;
const IN_FLIGHT = 32;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

function answer(id: string, alertId: string): { response: ResponseDoc; alert: AlertDoc } {
  const now = new Date();
  const response: ResponseDoc = {
    _id: id,
    submissionId: randomUUID(),
    projectKey: 'pk_demo',
    surveyId: 'app-nps',
    kind: 'nps',
    productArea: 'editor',
    answers: { score: 3, comment: 'exporting large files is slow' },
    category: 'detractor',
    hasComment: true,
    respondent: { userId: userId(randomInt(0, 100_000)) },
    context: { plan: 'saas' },
    plan: 'saas',
    receivedAt: now,
    day: now.toISOString().slice(0, 10),
    routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
    triage: { status: 'new', tags: [], history: [] },
  };
  // Stored as delivered: the collector started after this must not spend its idle seconds sending them.
  const alert: AlertDoc = { _id: alertId, responseId: id, ownerId: 'pm-editor', channel: 'webhook', status: 'delivered', attempts: 1, nextAttemptAt: now, createdAt: now };
  return { response, alert };
}

export async function measureStore(dataDir: string, people: number, samples: number, log: (line: string) => void): Promise<StoreFigures> {
  const opened = performance.now();
  const store = await openSqliteStore({ dataDir });
  const migrateMs = performance.now() - opened;
  try {
    const times: number[] = [];
    for (let i = 0; i < samples * 10; i += 1) {
      const started = performance.now();
      await store.displays.seenBy('pk_demo', { userId: userId(randomInt(0, people)) });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const seenBy = { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
    log(`  seenBy in the store: p50 ${seenBy.p50.toFixed(3)} ms, p95 ${seenBy.p95.toFixed(3)} ms`);
    const record = {} as StoreFigures['record'];
    for (const [name, makeId] of [['random', randomUUID], ['ordered', () => timeOrderedId()]] as const) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < RECORDS; i += IN_FLIGHT) {
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, () => {
            const { response, alert } = answer(makeId(), makeId());
            return store.responses.record(response, [alert]);
          }),
        );
      }
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      record[name] = { perSecond: RECORDS / seconds, cpuUs: (used.user + used.system) / RECORDS };
      log(`  record with ${name} ids: ${record[name].perSecond.toFixed(0)} answers/s, ${record[name].cpuUs.toFixed(0)} us CPU each`);
    }
    return { migrateMs, seenBy, record };
  } finally {
    await store.close();
  }
}
