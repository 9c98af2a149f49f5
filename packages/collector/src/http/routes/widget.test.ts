import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-support.ts';
import { defaultWidgetDir, widgetCacheControl } from './widget.ts';

let t: TestApp;
let widgetDir: string;
beforeEach(async () => {
  widgetDir = await mkdtemp(join(tmpdir(), 'heed-widget-'));
  await writeFile(join(widgetDir, 'heed.js'), 'console.log("loader")');
  await writeFile(join(widgetDir, 'ui-B3xk9QzA.js'), 'console.log("ui")');
  t = await buildTestApp({ widgetDir });
});
afterEach(async () => {
  await t.close();
  await rm(widgetDir, { recursive: true, force: true });
});

describe('GET /widget/*', () => {
  it('serves the loader with a short cache and hashed chunks for good, to any site', async () => {
    const loader = await t.app.inject({ url: '/widget/heed.js', headers: { origin: 'https://anywhere.example' } });
    expect(loader.statusCode).toBe(200);
    expect(loader.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(loader.headers['cache-control']).toBe('public, max-age=300');
    expect(loader.headers['access-control-allow-origin']).toBe('*');
    const chunk = await t.app.inject({ url: '/widget/ui-B3xk9QzA.js' });
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file with 404 in the error shape', async () => {
    const res = await t.app.inject({ url: '/widget/nope.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('HEED_ERR_NOT_FOUND');
  });

  it('defaults to the widget package build', () => {
    expect(defaultWidgetDir()).toMatch(/packages\/widget\/dist$/);
    expect(widgetCacheControl('/x/hosted.js')).toBe('public, max-age=300');
    expect(widgetCacheControl('/x/ar-DqM9gWc-.js')).toBe('public, max-age=31536000, immutable');
    expect(widgetCacheControl('/x/uninstall-form-B47JXmIm.js')).toBe('public, max-age=31536000, immutable');
    expect(widgetCacheControl('/x/uninstall-form.js')).toBe('public, max-age=300');
  });
});
