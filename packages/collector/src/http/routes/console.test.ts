import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../domain/test-support.ts';
import errorHandling from '../plugins/errors.ts';
import { PAGE_CSP } from '../pages/layout.ts';
import { consoleRoutes } from './console.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function appWith(build: Record<string, string>) {
  const dir = await tempDir('heed-console-');
  for (const [path, content] of Object.entries(build)) {
    await mkdir(join(dir.path, path, '..'), { recursive: true });
    await writeFile(join(dir.path, path), content);
  }
  const app = Fastify();
  await app.register(errorHandling);
  await app.register(consoleRoutes, { consoleDir: dir.path });
  cleanups.push(async () => {
    await app.close();
    await dir.remove();
  });
  return app;
}

const page = '<!doctype html><script type="module" src="/console/assets/index-AbCdEf12.js"></script><div id="app"></div>';

describe('GET /console', () => {
  it('serves the app page on every console path, with a strict content policy', async () => {
    const app = await appWith({ 'index.html': page, 'assets/index-AbCdEf12.js': 'console.log(1)' });
    for (const url of ['/console', '/console/', '/console/triage', '/console/responses/abc']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(page);
    }
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-inline');
  });

  it('serves hashed assets for good, and a missing one as 404', async () => {
    const app = await appWith({ 'index.html': page, 'assets/index-AbCdEf12.js': 'console.log(1)' });
    const asset = await app.inject({ url: '/console/assets/index-AbCdEf12.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await app.inject({ url: '/console/assets/gone-12345678.js' });
    expect(missing.statusCode).toBe(404);
  });

  it('says how to build the console when it is not built', async () => {
    const app = await appWith({});
    const res = await app.inject({ url: '/console/' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'HEED_ERR_NOT_FOUND', message: 'the console build (run "pnpm build") not found' });
  });
});
