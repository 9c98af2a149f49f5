/**
 * `tsx bench/start-idle.ts`: the collector's start-up to `/readyz` and its idle CPU alone, started `--runs` times
 * on one data directory (as it is: the first start applies any migration the store predates, which the
 * figures of that start include), each start then left idle for BENCH_IDLE_SECONDS (10) and stopped.
 * Prints each run and the median; with `--empty` the data directory is a new, empty one.
 *
 *   npx tsx bench/start-idle.ts --data-dir /tmp/copy-of-the-seeded-store/data --runs 5
 *   npx tsx bench/start-idle.ts --empty --runs 3
 *
 * With `--compare DIR` (another checkout's packages/collector) the two are started in alternation on the
 * same data directory and both medians printed, so a change is measured side by side under the same load.
 *
 * The machine's load average is printed beside the figures, since both move with it. Loopback only; every
 * loop is bounded in count and time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBenchConfig } from './bench-config.ts';
import { cpuCores, rssBytes } from './process-stats.ts';
import { startHeed, startHelper } from './processes.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    'data-dir': { type: 'string' },
    empty: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    // Another checkout's collector package, started in alternation with this one (run 1 this, run 2 that, ...).
    compare: { type: 'string' },
  },
});
if (!values['data-dir'] && !values.empty) throw new Error('give --data-dir DIR or --empty');
const runs = Math.min(20, Math.max(1, Number(values.runs)));
const idleMs = Number(process.env.BENCH_IDLE_SECONDS ?? 10) * 1000;
const repoRoot = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'heed-bench-start-'));
const dataDir = values.empty ? join(work, 'data') : resolve(process.env.INIT_CWD ?? process.cwd(), values['data-dir']!);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => loadavg()[0]!.toFixed(1);

const receiver = await startHelper('receiver.ts');
try {
  const configPath = join(work, 'heed.bench.json');
  writeBenchConfig(join(repoRoot, 'heed.config.json'), receiver.url, configPath);
  const trees = values.compare ? [{ name: 'this', dir: undefined }, { name: 'compared', dir: resolve(process.env.INIT_CWD ?? process.cwd(), values.compare) }] : [{ name: 'this', dir: undefined }];
  const figures = new Map(trees.map((tree) => [tree.name, { starts: [] as number[], idles: [] as number[] }]));
  for (let run = 0; run < runs * trees.length; run += 1) {
    const tree = trees[run % trees.length]!;
    const { starts, idles } = figures.get(tree.name)!;
    const loadBefore = load();
    const heed = await startHeed({ configPath, dataDir, adminToken: 'bench-admin-token-0123456789abcdef', logPath: join(work, 'heed.log'), ...(tree.dir && { collectorDir: tree.dir }) });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const rss = rssBytes(heed.pid);
      const idle = await cpuCores(heed.pid, idleMs);
      starts.push(heed.startupMs);
      idles.push(idle);
      process.stderr.write(
        `${tree.name} run ${Math.floor(run / trees.length) + 1}: ready in ${heed.startupMs.toFixed(0)} ms, RSS ${(rss / 1048576).toFixed(0)} MB, idle ${idle.toFixed(4)} cores over ${idleMs / 1000} s (load ${loadBefore} -> ${load()})\n`,
      );
    } finally {
      await heed.stop();
    }
  }
  for (const [name, { starts, idles }] of figures) {
    process.stdout.write(`${name}: start-up to /readyz median ${median(starts).toFixed(0)} ms of ${runs}; idle CPU median ${median(idles).toFixed(4)} cores\n`);
  }
} finally {
  await receiver.stop();
  rmSync(work, { recursive: true, force: true });
}
