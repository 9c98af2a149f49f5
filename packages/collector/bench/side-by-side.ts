/**
 * The collector against the bare Fastify baseline, side by side in one run: rounds alternate the two servers
 * (the same load, the same seconds) so whatever else the machine does hits both. Each phase is a saturation
 * run (fixed connections, as fast as answers come) and a fixed-rate run (latency at a steady load).
 */
import type { Request } from 'autocannon';
import { cpuSeconds } from './process-stats.ts';
import { median } from './http-timing.ts';
import { assertClean, load, type LoadResult } from './load.ts';
import type { Running } from './processes.ts';

export interface Phase {
  seconds: number;
  rounds: number;
  connections: number;
  /** Requests per second of the fixed-rate runs. */
  rate: number;
}

export interface Sides {
  heed: Running;
  bare: Running;
  /** Fresh requests for each run of the given server (they may count what it accepts). */
  requests: (side: 'heed' | 'bare') => Request[];
  /** Runs after each collector run, before the next (the bench waits for alerts to arrive there). */
  afterHeed?: () => Promise<void>;
  log: (line: string) => void;
  label: string;
}

export interface ServerFigures {
  rps: number;
  p99: number;
  /** Fixed rate: p50 and p99. */
  fixedP50: number;
  fixedP99: number;
  /** Server CPU per request at saturation, microseconds. */
  cpuPerRequestUs: number;
}

export interface SideBySide {
  heed: ServerFigures;
  bare: ServerFigures;
  /** Median over rounds of heed/bare saturation throughput in the same round. */
  ratio: number;
}

async function run(server: Running, requests: Request[], seconds: number, connections: number, overallRate?: number) {
  const cpuBefore = cpuSeconds(server.pid);
  const result = await load({ url: server.url, seconds, connections, requests, ...(overallRate !== undefined && { overallRate }) });
  return { ...result, cpuPerRequestUs: ((cpuSeconds(server.pid) - cpuBefore) * 1e6) / Math.max(1, result.total) };
}

function summarise(saturation: (LoadResult & { cpuPerRequestUs: number })[], fixed: LoadResult[]): ServerFigures {
  return {
    rps: median(saturation.map((r) => r.rps)),
    p99: median(saturation.map((r) => r.p99)),
    fixedP50: median(fixed.map((r) => r.p50)),
    fixedP99: median(fixed.map((r) => r.p99)),
    cpuPerRequestUs: median(saturation.map((r) => r.cpuPerRequestUs)),
  };
}

export async function sideBySide(sides: Sides, phase: Phase): Promise<SideBySide> {
  const { heed, bare, requests, log, label } = sides;
  const saturation = { heed: [] as Awaited<ReturnType<typeof run>>[], bare: [] as Awaited<ReturnType<typeof run>>[] };
  const fixed = { heed: [] as LoadResult[], bare: [] as LoadResult[] };
  // Warm-up: JIT, connection pools, the database's pages.
  await load({ url: bare.url, seconds: 2, connections: phase.connections, requests: requests('bare') });
  await load({ url: heed.url, seconds: 2, connections: phase.connections, requests: requests('heed') });
  await sides.afterHeed?.();
  const ratios: number[] = [];
  for (let round = 1; round <= phase.rounds; round += 1) {
    const b = await run(bare, requests('bare'), phase.seconds, phase.connections);
    assertClean(`${label} bare round ${round}`, b);
    const h = await run(heed, requests('heed'), phase.seconds, phase.connections);
    assertClean(`${label} heed round ${round}`, h);
    await sides.afterHeed?.();
    const bf = await run(bare, requests('bare'), phase.seconds, phase.connections, phase.rate);
    assertClean(`${label} bare fixed round ${round}`, bf);
    const hf = await run(heed, requests('heed'), phase.seconds, phase.connections, phase.rate);
    assertClean(`${label} heed fixed round ${round}`, hf);
    await sides.afterHeed?.();
    saturation.bare.push(b);
    saturation.heed.push(h);
    fixed.bare.push(bf);
    fixed.heed.push(hf);
    ratios.push(h.rps / b.rps);
    log(
      `  ${label} round ${round}: bare ${b.rps.toFixed(0)}/s p99 ${b.p99} ms (${b.cpuPerRequestUs.toFixed(0)} us CPU/req), ` +
        `heed ${h.rps.toFixed(0)}/s p99 ${h.p99} ms (${h.cpuPerRequestUs.toFixed(0)} us CPU/req), ratio ${(h.rps / b.rps).toFixed(2)}; ` +
        `at ${phase.rate}/s: bare p50 ${bf.p50} p99 ${bf.p99} ms, heed p50 ${hf.p50} p99 ${hf.p99} ms`,
    );
  }
  return { heed: summarise(saturation.heed, fixed.heed), bare: summarise(saturation.bare, fixed.bare), ratio: median(ratios) };
}
