import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
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

  it("follows the build's assets.json on what is hashed, and sends a precompressed sibling when accepted", async () => {
    await writeFile(join(widgetDir, 'assets.json'), JSON.stringify({ stable: ['heed.js', 'strings.js'], immutable: ['ui-B3xk9QzA.js', 'chunk.js'] }));
    await writeFile(join(widgetDir, 'chunk.js'), 'console.log("chunk")');
    await writeFile(join(widgetDir, 'strings.js'), 'console.log("strings")');
    await writeFile(join(widgetDir, 'heed.js.br'), brotliCompressSync('console.log("loader")'));
    await t.close();
    t = await buildTestApp({ widgetDir });
    expect((await t.app.inject({ url: '/widget/chunk.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await t.app.inject({ url: '/widget/strings.js' })).headers['cache-control']).toBe('public, max-age=300');
    const br = await t.app.inject({ url: '/widget/heed.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    expect(br.headers.etag).toBeDefined();
    const plain = await t.app.inject({ url: '/widget/heed.js', headers: { 'accept-encoding': 'gzip' } }); // no .gz written
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log("loader")');
  });

  it('defaults to the widget package build', () => {
    expect(defaultWidgetDir()).toMatch(/packages\/widget\/dist$/);
    expect(widgetCacheControl('/x/hosted.js')).toBe('public, max-age=300');
    expect(widgetCacheControl('/x/ar-DqM9gWc-.js')).toBe('public, max-age=31536000, immutable');
    expect(widgetCacheControl('/x/uninstall-form-B47JXmIm.js')).toBe('public, max-age=31536000, immutable');
    expect(widgetCacheControl('/x/uninstall-form.js')).toBe('public, max-age=300');
  });
});
