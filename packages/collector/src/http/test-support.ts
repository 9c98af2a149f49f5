/** Building the app for route tests: a real SQLite store in a temp dir, the domain's test config. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeedConfig } from '@heed/shared';
import type { FastifyInstance } from 'fastify';
import { testConfig } from '../domain/test-support.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { buildApp, type AppOptions } from './app.ts';

export const APP_ORIGIN = 'https://app.example.com';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** The domain test config, with a browser origin allowed for `pk_test`. */
export function httpTestConfig(overrides: Parameters<typeof testConfig>[0] = {}): HeedConfig {
  return testConfig({ projects: [{ key: 'pk_test', name: 'Test app', allowedOrigins: [APP_ORIGIN] }], ...overrides });
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  dataDir: string;
  close(): Promise<void>;
}

/** No background workers and an admin token unless `options` say otherwise. */
export async function buildTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'heed-http-'));
  const store = options.store ?? (await openSqliteStore({ dataDir }));
  const app = await buildApp({ config: httpTestConfig(), outbox: false, digest: false, adminToken: ADMIN_TOKEN, ...options, store });
  return {
    app,
    store,
    dataDir,
    async close() {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid answer to `app-nps` of `pk_test`. */
export function submission(overrides: Record<string, unknown> = {}) {
  return {
    submissionId: crypto.randomUUID(),
    projectKey: 'pk_test',
    surveyId: 'app-nps',
    answers: { score: 9 },
    ...overrides,
  };
}
