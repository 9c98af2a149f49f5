/**
 * Running the collector for cross-package tests, on 127.0.0.1 with a real embedded store in a temp dir:
 * - `startCollector()` builds the app in this process (fast; direct access to the app and the store);
 * - `startCollectorProcess()` runs the built server (`dist/server.js`, what `pnpm start` runs) as a child
 *   process, as an operator would, so a test can stop it (SIGTERM), kill it, and start it again on the same
 *   port and data. `pnpm test` builds it first; a build older than the sources is refused, not run.
 * Without a config, both use the repository's demo config pointed at the collector's own URL (allowed
 * origin, webhook URLs of the demo inbox).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HeedConfigSchema, type HeedConfig, type HeedConfigInput } from '@heed/shared';
import { buildApp, openSqliteStore, type AppOptions, type Store } from '@heed/collector';

const ROOT = resolve(import.meta.dirname, '../..');
const COLLECTOR_DIR = join(ROOT, 'packages/collector');
const BUILT_SERVER = join(COLLECTOR_DIR, 'dist/server.js');
const BUILT_FROM = [join(COLLECTOR_DIR, 'src'), join(ROOT, 'packages/shared/src')];
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** The repository's demo config with its origins and webhook URLs pointed at `url`. */
export function demoConfigFor(url: string): HeedConfigInput {
  const demo = JSON.parse(readFileSync(join(ROOT, 'heed.config.json'), 'utf8')) as HeedConfigInput;
  const { origin } = new URL(url);
  return {
    ...demo,
    publicUrl: url,
    projects: demo.projects.map((project) => ({ ...project, allowedOrigins: [origin, origin.replace('127.0.0.1', 'localhost')] })),
    owners: demo.owners?.map((owner) =>
      owner.webhookUrl ? { ...owner, webhookUrl: new URL(new URL(owner.webhookUrl, url).pathname, url).href } : owner,
    ),
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

type ConfigOption<C> = C | ((url: string) => C);
const resolveConfig = <C>(option: ConfigOption<C> | undefined, url: string, fallback: (url: string) => C): C =>
  option === undefined ? fallback(url) : typeof option === 'function' ? (option as (url: string) => C)(url) : option;

export interface StartCollectorOptions extends Partial<Omit<AppOptions, 'config' | 'store'>> {
  /** A config, or one made for the collector's URL. Default: the demo config for that URL. */
  config?: ConfigOption<HeedConfig>;
  /** Kept after `close()` when given; otherwise a temp dir that is removed. */
  dataDir?: string;
}

export interface RunningCollector {
  url: string;
  app: Awaited<ReturnType<typeof buildApp>>;
  store: Store;
  config: HeedConfig;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The app in this process. Defaults: admin token `TEST_ADMIN_TOKEN`, outbox polling every 50 ms, no weekly
 * digest (it would depend on the day the test runs).
 */
export async function startCollector(options: StartCollectorOptions = {}): Promise<RunningCollector> {
  const { config: configOption, dataDir: givenDataDir, ...appOptions } = options;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = resolveConfig(configOption, url, (base) => HeedConfigSchema.parse(demoConfigFor(base)));
  const dataDir = givenDataDir ?? (await mkdtemp(join(tmpdir(), 'heed-collector-')));
  const store = await openSqliteStore({ dataDir });
  const app = await buildApp({ adminToken: TEST_ADMIN_TOKEN, outbox: { pollMs: 50 }, digest: false, ...appOptions, config, store });
  try {
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    url,
    app,
    store,
    config,
    dataDir,
    async close() {
      await app.close();
      await store.close();
      if (!givenDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CollectorProcessOptions {
  /** Written to a config file. Default: the demo config for the collector's URL. */
  config?: ConfigOption<HeedConfigInput>;
  dataDir?: string;
  port?: number;
  /** `null`: no admin token. Default `TEST_ADMIN_TOKEN`. */
  adminToken?: string | null;
  /** More environment for the process (MONGODB_URI, SMTP_URL...). */
  env?: Record<string, string>;
  /** How long to wait for `/healthz`. */
  startTimeoutMs?: number;
}

export interface CollectorProcess {
  url: string;
  port: number;
  dataDir: string;
  configPath: string;
  /** Everything the process printed, stdout and stderr. */
  output(): string;
  /** Starts the process again (same port, config and data) after `stop()` or `kill()`. */
  start(): Promise<void>;
  /** Sends `signal` and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: a crash, no shutdown. */
  kill(): Promise<void>;
  /** Stops the process if running and removes what the helper created. */
  dispose(): Promise<void>;
}

/** The newest modification time of the files under `dir` that go into the build (tests do not), in ms. */
function newestChange(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .reduce((newest, file) => Math.max(newest, statSync(join(dir, file)).mtimeMs), 0);
}

/** `dist/server.js`, once it is known to be built from the sources as they are. */
function builtServer(): string {
  if (!existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: run \`pnpm build\` first`);
  const built = statSync(BUILT_SERVER).mtimeMs;
  const stale = BUILT_FROM.filter((dir) => newestChange(dir) > built);
  if (stale.length > 0) throw new Error(`${BUILT_SERVER} is older than ${stale.join(' and ')}: run \`pnpm build\` again`);
  return BUILT_SERVER;
}

/** The built server as a child process on 127.0.0.1; resolves once `/healthz` answers. */
export async function startCollectorProcess(options: CollectorProcessOptions = {}): Promise<CollectorProcess> {
  const entry = builtServer();
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const workDir = await mkdtemp(join(tmpdir(), 'heed-process-'));
  const dataDir = options.dataDir ?? join(workDir, 'data');
  const configPath = join(workDir, 'heed.config.json');
  await writeFile(configPath, JSON.stringify(resolveConfig(options.config, url, demoConfigFor), null, 2));
  const adminToken = options.adminToken === undefined ? TEST_ADMIN_TOKEN : options.adminToken;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    HEED_CONFIG: configPath,
    HEED_DATA_DIR: dataDir,
    HEED_ADMIN_TOKEN: adminToken ?? '',
    MONGODB_URI: '',
    SMTP_URL: '',
    ...options.env,
  };
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  let output = '';
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);

  async function start(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error('the collector process is already running');
    const spawned = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: COLLECTOR_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = spawned;
    spawned.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    spawned.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((done) => spawned.once('exit', (code) => done(code)));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (spawned.exitCode !== null || spawned.signalCode !== null) {
        throw new Error(`the collector exited with ${spawned.exitCode ?? spawned.signalCode} before it was healthy:\n${output}`);
      }
      const healthy = await fetch(`${url}/healthz`).then((res) => res.ok, () => false);
      if (healthy) return;
      await new Promise((wait) => setTimeout(wait, 50));
    }
    spawned.kill('SIGKILL');
    throw new Error(`the collector was not healthy within ${timeoutMs} ms:\n${output}`);
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  }

  await start();
  return {
    url,
    port,
    dataDir,
    configPath,
    output: () => output,
    start,
    stop,
    async kill() {
      await stop('SIGKILL');
    },
    async dispose() {
      await stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/** The first page of a survey's stored responses, read through the admin API as an operator would. */
export async function storedResponses(url: string, survey: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${url}/v1/responses?survey=${survey}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  if (!res.ok) throw new Error(`GET /v1/responses answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { items: Record<string, unknown>[] }).items;
}
