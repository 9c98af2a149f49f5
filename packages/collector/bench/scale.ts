/**
 * The console at scale, on a seeded collector: each console request timed one at a time (p50/p95), the
 * 50th page reached by following cursors, and the CSV export of everything, streamed, with the server's
 * peak RSS while it runs.
 */
import { request } from 'node:http';
import { percentile, timedGet } from './http-timing.ts';
import { sampleRss } from './process-stats.ts';
import type { RunningHeed } from './processes.ts';

export interface Latency {
  p50: number;
  p95: number;
}

export interface ConsoleFigures {
  requests: { name: string; path: string; latency: Latency }[];
  csv: { seconds: number; rows: number; peakRssBytes: number };
}

export interface ScaleOptions {
  heed: RunningHeed;
  adminToken: string;
  /** Requests timed per console route. */
  samples: number;
  /** The owner whose digest is previewed. */
  owner: string;
  now: Date;
  log: (line: string) => void;
}

async function time(url: string, headers: Record<string, string>, samples: number): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < samples + 2; i += 1) {
    const { ms, status, body } = await timedGet(url, headers);
    if (status !== 200) throw new Error(`GET ${url} answered ${status}: ${body.slice(0, 300)}`);
    if (i >= 2) times.push(ms); // the first two warm caches and compiled statements
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/**
 * The cursor of page `page` (1-based) of `path`, following `nextCursor` from the first page; of the last
 * page when there are fewer (a small store).
 */
async function cursorOfPage(base: string, path: string, headers: Record<string, string>, page: number): Promise<{ cursor?: string; page: number }> {
  let cursor: string | undefined;
  for (let i = 1; i < page; i += 1) {
    const url = `${base}${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await timedGet(url, headers);
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
    const next = (JSON.parse(body) as { nextCursor?: string | null }).nextCursor;
    if (!next) return { cursor, page: i };
    cursor = next;
  }
  return { cursor, page };
}

/** Streams the whole CSV export, counting rows, while sampling the server's memory. */
function exportCsv(heed: RunningHeed, headers: Record<string, string>): Promise<ConsoleFigures['csv']> {
  return new Promise((resolvePromise, reject) => {
    const rss = sampleRss(heed.pid);
    const started = performance.now();
    let rows = 0;
    const req = request(`${heed.url}/v1/responses.csv`, { headers }, (response) => {
      if (response.statusCode !== 200) {
        rss.stop();
        reject(new Error(`GET /v1/responses.csv answered ${response.statusCode}`));
        response.resume();
        return;
      }
      // Records end at a line break outside quotes (a quoted field may hold line breaks; "" toggles twice).
      let quoted = false;
      response.on('data', (chunk: Buffer) => {
        for (let i = 0; i < chunk.length; i += 1) {
          const byte = chunk[i];
          if (byte === 34) quoted = !quoted;
          else if (byte === 10 && !quoted) rows += 1;
        }
      });
      response.on('end', () => resolvePromise({ seconds: (performance.now() - started) / 1000, rows: rows - 1, peakRssBytes: rss.stop() }));
      response.on('error', reject);
    });
    req.setTimeout(300_000, () => req.destroy(new Error('the CSV export took over 300 s')));
    req.on('error', reject);
    req.end();
  });
}

export async function measureConsole(options: ScaleOptions): Promise<ConsoleFigures> {
  const { heed, samples, log, now } = options;
  const headers = { authorization: `Bearer ${options.adminToken}` };
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const to = day(new Date(now.getTime() + 86_400_000));
  const from = day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));
  const deep = await cursorOfPage(heed.url, '/v1/responses?limit=50', headers, 50);
  const routes: { name: string; path: string }[] = [
    { name: 'first page', path: '/v1/responses' },
    { name: 'filtered page', path: '/v1/responses?hasComment=true&plan=saas' },
    { name: `page ${deep.page} (cursor)`, path: `/v1/responses?limit=50${deep.cursor ? `&cursor=${encodeURIComponent(deep.cursor)}` : ''}` },
    { name: 'NPS report, 12 months', path: `/v1/reports/nps?interval=month&from=${from}&to=${to}` },
    { name: 'reasons report, 12 months', path: `/v1/reports/reasons?from=${from}&to=${to}` },
    { name: 'digest preview', path: `/v1/digests/preview?owner=${options.owner}` },
    { name: 'alerts', path: '/v1/alerts' },
  ];
  const requests: ConsoleFigures['requests'] = [];
  for (const route of routes) {
    const latency = await time(`${heed.url}${route.path}`, headers, samples);
    log(`  ${route.name}: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
    requests.push({ ...route, latency });
  }

  const csv = await exportCsv(heed, headers);
  log(`  CSV export: ${csv.rows.toLocaleString('en')} rows in ${csv.seconds.toFixed(1)} s, peak RSS ${(csv.peakRssBytes / 1048576).toFixed(0)} MB`);
  return { requests, csv };
}
