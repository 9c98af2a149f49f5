/**
 * Starts the collector: the only file that reads the environment and listens.
 *
 * PORT (8787), HOST (0.0.0.0), HEED_CONFIG (heed.config.json), HEED_DATA_DIR (.heed-data), MONGODB_URI
 * (use MongoDB instead of the embedded store), HEED_ADMIN_TOKEN (enables the admin API; a demo config without
 * one gets a random token for the run, logged once with the console's URL), SMTP_URL and
 * SMTP_FROM (email alerts). Relative paths are resolved from the directory the command was started in
 * (`INIT_CWD`, set by pnpm and npm, else the working directory); without HEED_CONFIG, the repository's
 * demo config is used when that directory has none.
 *
 * SIGTERM / SIGINT: stop accepting connections, finish in-flight requests, stop the outbox worker, flush
 * and close the store, exit 0.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertAdminTokenStrength } from './http/admin-auth.ts';
import { buildApp } from './http/app.ts';
import { listenUrl } from './config/listen-url.ts';
import { loadConfig } from './config/load-config.ts';
import { openStore } from './store/open-store.ts';
import { packagePath } from './package-path.ts';

const env = process.env;
const baseDir = env.INIT_CWD ?? process.cwd();
const repoConfig = packagePath('../../heed.config.json');

function configPath(): string {
  if (env.HEED_CONFIG) return resolve(baseDir, env.HEED_CONFIG);
  const local = resolve(baseDir, 'heed.config.json');
  return existsSync(local) || !existsSync(repoConfig) ? local : repoConfig;
}

function port(): number {
  const value = Number(env.PORT ?? 8787);
  if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`PORT must be a port number, got "${env.PORT}"`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`heed: ${message}\n`);
  process.exit(1);
}

const configuredToken = env.HEED_ADMIN_TOKEN || undefined;
if (configuredToken) {
  try {
    assertAdminTokenStrength(configuredToken);
  } catch (error) {
    fail((error as Error).message);
  }
}
const chosenConfig = configPath();
const listenPort = port();
const listenHost = env.HOST ?? '0.0.0.0';
// Relative owner URLs (the demo's inbox) resolve against publicUrl, or this address when the file sets none.
const config = await loadConfig(chosenConfig, { listenUrl: listenPort === 0 ? undefined : listenUrl(listenHost, listenPort) }).catch(
  (error: Error) => fail(error.message),
);
// The demo, and only the demo, opens the console without setup: a token of this run, logged once at start.
const demoToken = config.demo && !configuredToken ? randomBytes(24).toString('base64url') : undefined;
const adminToken = configuredToken ?? demoToken;
const store = await openStore({ mongoUri: env.MONGODB_URI || undefined, dataDir: resolve(baseDir, env.HEED_DATA_DIR ?? '.heed-data') }).catch(
  (error: Error) => fail(`cannot open the store: ${error.message}`),
);
const app = await buildApp({
  config,
  store,
  adminToken,
  // The SMTP client is loaded only when email is configured.
  mailer: env.SMTP_URL ? (await import('./notify/smtp-mailer.ts')).createMailer(env.SMTP_URL, env.SMTP_FROM ?? 'Heed <heed@localhost>') : undefined,
  logger: true,
});

let closing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  try {
    await app.close(); // stops accepting, waits for in-flight requests, stops the outbox
    await store.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

try {
  await app.listen({ port: listenPort, host: listenHost });
} catch (error) {
  await store.close();
  fail(`cannot listen: ${(error as Error).message}`);
}
if (!adminToken) app.log.warn('HEED_ADMIN_TOKEN is not set: the admin API is disabled');
if (config.demo) {
  const address = app.server.address();
  const listening = typeof address === 'object' && address ? address.port : listenPort;
  app.log.info(`demo: http://localhost:${listening}/demo`);
  if (demoToken) {
    app.log.info(
      { consoleUrl: `http://localhost:${listening}/console/` },
      `demo console: http://localhost:${listening}/console/ admin token (this run only; set HEED_ADMIN_TOKEN to choose one): ${demoToken}`,
    );
  }
  // The demo pages and inbox are open to anyone who can reach the collector: say so where operators look.
  app.log.warn(`config ${chosenConfig} serves the demo (/demo, /demo/inbox without authentication); set "demo": false in production`);
}
