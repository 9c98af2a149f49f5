/**
 * The processes a bench run starts: the collector exactly as `pnpm start` runs it (`node
 * --enable-source-maps dist/server.js`, the build of `src/server.ts` that `pnpm bench` makes first), and
 * helper servers that print "listening <port>". Everything listens on loopback only and is stopped by its
 * own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const collectorDir = resolve(import.meta.dirname, '..');

export interface Running {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

export interface RunningHeed extends Running {
  /** From spawning the process until `/readyz` answered 200. */
  startupMs: number;
  logPath: string;
}

function stopper(child: ChildProcess, timeoutMs = 20_000): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
}

/** Starts a helper server script (bench/servers/*.ts) and waits for its "listening <port>" line. */
export function startHelper(script: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'servers', script)], {
      cwd: collectorDir,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', ...env },
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within 30 s`));
    }, 30_000);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data').resume();
      resolvePromise({ pid: child.pid!, url: `http://127.0.0.1:${match[1]}`, stop: stopper(child) });
    });
  });
}

/** A port that was free a moment ago (the collector takes its port from PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
  });
}

export interface HeedEnv {
  configPath: string;
  /** HEED_DATA_DIR; ignored by the server when MONGODB_URI is set. */
  dataDir: string;
  adminToken: string;
  /** The server's log (stdout and stderr) goes here. */
  logPath: string;
  mongoUri?: string;
  /**
   * The collector package to run (default: this one), to compare two trees side by side: its built
   * `dist/server.js`, or `src/server.ts` through tsx in a tree from before the collector had a build.
   */
  collectorDir?: string;
}

/** Starts the collector as users run it and waits until `/readyz` answers 200 (at most `timeoutMs`). */
export async function startHeed(options: HeedEnv, timeoutMs = 120_000): Promise<RunningHeed> {
  const port = await freePort();
  const log = createWriteStream(options.logPath, { flags: 'a' });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    HEED_CONFIG: options.configPath,
    HEED_DATA_DIR: options.dataDir,
    HEED_ADMIN_TOKEN: options.adminToken,
  };
  delete env.MONGODB_URI;
  delete env.SMTP_URL;
  if (options.mongoUri) env.MONGODB_URI = options.mongoUri;
  const started = performance.now();
  // BENCH_PROFILE=DIR: the collector writes a V8 CPU profile there when it stops (open it in DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_PROFILE)] : [];
  const cwd = options.collectorDir ?? collectorDir;
  const built = existsSync(join(cwd, 'dist/server.js'));
  // Only a compared tree may predate the build; this one is built by `pnpm bench` before it runs.
  if (!built && cwd === collectorDir) throw new Error('dist/server.js is missing: run `pnpm build` first');
  const entry = built ? ['--enable-source-maps', 'dist/server.js'] : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, [...profile, ...entry], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (true) {
    if (exited !== null) throw new Error(`the collector exited with ${exited} before it was ready; see ${options.logPath}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the collector was not ready within ${timeoutMs / 1000} s; see ${options.logPath}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startupMs = performance.now() - started;
  return { pid: child.pid!, url, startupMs, logPath: options.logPath, stop: stopper(child, 60_000) };
}
