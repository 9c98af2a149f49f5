/**
 * What the collector serves as files, over real HTTP: the widget build (`/widget/`), the hosted page's
 * styles (`/assets/`) and the console's assets (`/console/assets/`). Sent precompressed (brotli or gzip
 * written at build), content-hashed files cached for good, stable names short-lived with an ETag; a
 * client's mistake (a path out of the root, a range past the end, a failed precondition) is a coded 4xx
 * and leaves no error in the log. And what a visitor downloads before the first prompt, headers included.
 */
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './helpers/start-collector.ts';

const ROOT = resolve(import.meta.dirname, '..');
const WIDGET_DIST = join(ROOT, 'packages/widget/dist');
const CONSOLE_ASSETS = join(ROOT, 'packages/collector/public/console/assets');
const built = (dir: string, pattern: RegExp) => {
  const name = readdirSync(dir).find((file) => pattern.test(file));
  if (!name) throw new Error(`no file like ${pattern} in ${dir}: run "pnpm build"`);
  return name;
};

let collector: RunningCollector;
const logLines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  collector = await startCollector({ outbox: false, logger: { level: 'info', stream } });
});
afterAll(async () => {
  await collector?.close();
});

/** One raw HTTP/1.1 exchange: the path is sent exactly as written (no URL normalisation on the way). */
function exchange(path: string, headers: Record<string, string> = {}): Promise<{ status: number; head: string; bytes: number; body: Buffer }> {
  const { hostname, port } = new URL(collector.url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', fail);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, split).toString('latin1');
      done({ status: Number(head.split(' ')[1]), head, bytes: raw.length, body: raw.subarray(split + 4) });
    });
    const lines = [`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(`${lines.join("\r\n")}\r\n\r\n`); // the server closes after answering (Connection: close)
  });
}

const header = (head: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim();

describe('client errors on static files', () => {
  const consoleAsset = () => `/console/assets/${built(CONSOLE_ASSETS, /^index-.*\.js$/)}`;
  const prefixes = () => [
    { name: 'widget', dir: '/widget/', file: '/widget/heed.js' },
    { name: 'page assets', dir: '/assets/', file: '/assets/hosted.css' },
    { name: 'console assets', dir: '/console/assets/', file: consoleAsset() },
  ];

  it('answer 4xx with a Heed code, never 500, and log no error', async () => {
    for (const { dir, file } of prefixes()) {
      const cases: [string, Record<string, string>, number, string][] = [
        [`${dir}%2e%2e/%2e%2e/package.json`, {}, 404, 'HEED_ERR_NOT_FOUND'],
        [`${dir}%2e%2e%2f%2e%2e%2fpackage.json`, {}, 404, 'HEED_ERR_NOT_FOUND'],
        [`${dir}/etc/passwd`, {}, 404, 'HEED_ERR_NOT_FOUND'],
        [file, { Range: 'bytes=999999-' }, 416, 'HEED_ERR_RANGE_NOT_SATISFIABLE'],
        [file, { Range: 'bytes=999999-', 'Accept-Encoding': 'br' }, 416, 'HEED_ERR_RANGE_NOT_SATISFIABLE'],
        [file, { 'If-Match': '"x"' }, 412, 'HEED_ERR_PRECONDITION_FAILED'],
      ];
      for (const [path, headers, status, code] of cases) {
        const res = await exchange(path, headers);
        expect({ path, headers, status: res.status }).toEqual({ path, headers, status });
        expect(JSON.parse(res.body.toString())).toMatchObject({ statusCode: status, code });
        if (status === 416) expect(header(res.head, 'content-range')).toMatch(/^bytes \*\/\d+$/);
      }
    }
    const errorsLogged = logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(errorsLogged).toEqual([]);
    expect(logLines.join('\n')).not.toContain('"stack"');
  });

  it('answer an over-long path parameter with a documented code', async () => {
    const res = await exchange(`/v1/projects/pk_${'a'.repeat(3000)}/surveys`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'HEED_ERR_VALIDATION', message: expect.stringContaining('params') });
    expect(header(res.head, 'x-content-type-options')).toBe('nosniff');
  });
});

describe('compressed, cached files', () => {
  it('sends the loader brotli- or gzip-compressed, short-lived with an ETag that revalidates', async () => {
    const br = await exchange('/widget/heed.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(header(br.head, 'content-encoding')).toBe('br');
    expect(header(br.head, 'vary')).toMatch(/accept-encoding/);
    expect(header(br.head, 'cache-control')).toBe('public, max-age=300');
    const etag = header(br.head, 'etag');
    expect(etag).toBeTruthy();
    const again = await exchange('/widget/heed.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag! });
    expect(again.status).toBe(304);

    const gzip = await exchange('/widget/heed.js', { 'Accept-Encoding': 'gzip' });
    expect(header(gzip.head, 'content-encoding')).toBe('gzip');
    const plain = await exchange('/widget/heed.js');
    expect(header(plain.head, 'content-encoding')).toBeUndefined();
    expect(br.body.length).toBeLessThan(plain.body.length);
  });

  it('sends hashed chunks, strings and console assets compressed and immutable, page styles compressed', async () => {
    const files = [
      `/widget/${built(WIDGET_DIST, /^ui-.*\.js$/)}`,
      `/widget/${built(WIDGET_DIST, /^en-.*\.js$/)}`,
      `/console/assets/${built(CONSOLE_ASSETS, /^index-.*\.js$/)}`,
      `/console/assets/${built(CONSOLE_ASSETS, /^index-.*\.css$/)}`,
    ];
    for (const path of files) {
      const res = await exchange(path, { 'Accept-Encoding': 'br' });
      expect({ path, status: res.status, encoding: header(res.head, 'content-encoding') }).toEqual({ path, status: 200, encoding: 'br' });
      expect(header(res.head, 'cache-control')).toBe('public, max-age=31536000, immutable');
      expect(header(res.head, 'vary')).toMatch(/accept-encoding/);
    }
    for (const path of ['/widget/hosted.js', '/assets/hosted.css']) {
      const res = await exchange(path, { 'Accept-Encoding': 'br' });
      expect({ path, encoding: header(res.head, 'content-encoding') }).toEqual({ path, encoding: 'br' });
      expect(header(res.head, 'cache-control')).toBe('public, max-age=300');
    }
  });

  it('puts under 13 KB on the wire before the first prompt: loader, survey list, UI chunk and strings, headers included', async () => {
    const accept = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
    const path = [
      '/widget/heed.js',
      '/v1/projects/pk_demo/surveys?userId=demo-user',
      `/widget/${built(WIDGET_DIST, /^ui-.*\.js$/)}`,
      `/widget/${built(WIDGET_DIST, /^en-.*\.js$/)}`,
    ];
    let total = 0;
    for (const step of path) {
      const res = await exchange(step, accept);
      expect({ step, status: res.status }).toEqual({ step, status: 200 });
      total += res.bytes;
    }
    console.info(`bytes before the first prompt: ${total}`);
    expect(total, `${total} bytes`).toBeLessThan(13 * 1024);
  });
});
