import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../domain/test-support.ts';
import { classifyStatus, parseRetryAfter, postJson } from './delivery.ts';
import { fetchPost, httpPost, IDLE_CONNECTION_MS, type Post } from './http-post.ts';

const now = new Date('2026-03-04T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | null, number | undefined]>([
    [null, undefined],
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 04 Mar 2026 10:01:30 GMT', 90_000],
    ['Wed, 04 Mar 2026 09:00:00 GMT', 0], // in the past: now
    ['soon', undefined],
    ['-5', undefined],
  ])('%j -> %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('classifyStatus', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [301, 'fail'],
    [307, 'fail'],
    [400, 'fail'],
    [401, 'fail'],
    [404, 'fail'],
    [410, 'fail'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
  ])('HTTP %i -> %s', (status, expected) => {
    expect(classifyStatus(status, null, now).status).toBe(expected);
  });

  it('carries Retry-After on a retry only', () => {
    expect(classifyStatus(429, '7', now)).toEqual({ status: 'retry', error: 'HTTP 429', retryAfterMs: 7000 });
    expect(classifyStatus(404, '7', now)).toEqual({ status: 'fail', error: 'HTTP 404' });
  });
});

// The collector's own transport, and any fetch a host brings: the same outcomes.
const transports: [string, Post][] = [
  ['node:http', httpPost],
  ['fetch', fetchPost(fetch)],
];

describe.each(transports)('postJson over real HTTP (%s)', (_name, post) => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('posts JSON with the given headers and reports 2xx as delivered', async () => {
    receiver = await startReceiver();
    const outcome = await postJson(post, `${receiver.url}/hook`, '{"a":1}', { 'x-test': 'yes' });
    expect(outcome).toEqual({ status: 'delivered' });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({
      method: 'POST',
      url: '/hook',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    });
  });

  it('reads Retry-After from a 503', async () => {
    receiver = await startReceiver((_req, _i, res) => {
      res.writeHead(503, { 'retry-after': '42' }).end('busy');
    });
    expect(await postJson(post, receiver.url, '{}', {})).toEqual({ status: 'retry', error: 'HTTP 503', retryAfterMs: 42_000 });
  });

  it('does not follow redirects', async () => {
    receiver = await startReceiver((_req, index, res) => {
      if (index === 0) res.writeHead(302, { location: '/elsewhere' }).end();
      else res.end('ok');
    });
    expect(await postJson(post, receiver.url, '{}', {})).toEqual({ status: 'fail', error: 'HTTP 302' });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries when nothing listens', async () => {
    const port = await closedPort();
    const outcome = await postJson(post, `http://127.0.0.1:${port}/`, '{}', {});
    expect(outcome.status).toBe('retry');
    expect(outcome).toHaveProperty('error', expect.stringContaining('ECONNREFUSED'));
  });

  it('retries after a timeout', async () => {
    receiver = await startReceiver(() => {
      // never answers
    });
    const outcome = await postJson(post, receiver.url, '{}', {}, { timeoutMs: 200 });
    expect(outcome).toEqual({ status: 'retry', error: 'timed out after 200 ms' });
  });
});

describe.each(transports)('postJson and the body of the answer (%s)', (_name, post) => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  async function listen(handle: Parameters<typeof createHttpServer>[1]): Promise<{ url: string }> {
    server = createHttpServer(handle);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
  }

  it('leaves no deadline timer behind once the answer is drained', async () => {
    const receiver = await listen((req, res) => req.resume().on('end', () => res.end('{"ok":true}')));
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = timers();
    expect(await postJson(post, receiver.url, '{}', {}, { timeoutMs: 60_000 })).toEqual({ status: 'delivered' });
    await expect.poll(timers, { timeout: 2_000 }).toBe(before);
  });

  it('reads a small answer of unknown length to its end, so the next delivery reuses its connection', async () => {
    const sockets = new Set<unknown>();
    const receiver = await listen((req, res) => {
      sockets.add(req.socket);
      // No content-length: a chunked answer.
      req.resume().on('end', () => res.writeHead(200).end('x'.repeat(2048)));
    });
    expect(await postJson(post, receiver.url, '{}', {})).toEqual({ status: 'delivered' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await postJson(post, receiver.url, '{}', {})).toEqual({ status: 'delivered' });
    expect(sockets.size).toBe(1);
  });

  it('cancels a large answer rather than read it all', async () => {
    let ended = false;
    const receiver = await listen((req, res) =>
      req.resume().on('end', () => {
        res.writeHead(200);
        const chunk = 'x'.repeat(16 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 1000 && res.write(chunk)) sent += 1;
          if (sent >= 1000) res.end(() => (ended = true));
          else res.once('drain', pump);
        };
        pump();
      }),
    );
    expect(await postJson(post, receiver.url, '{}', {}, { timeoutMs: 5_000 })).toEqual({ status: 'delivered' });
    // 16 MB offered: the delivery stops reading after its first 64 KB, so the receiver never gets to the end.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ended).toBe(false);
  });

  it('does not wait for a body that never ends: the status decides', async () => {
    const receiver = await listen((req, res) => req.resume().on('end', () => res.writeHead(200).write('a never-ending body')));
    const started = performance.now();
    expect(await postJson(post, receiver.url, '{}', {}, { timeoutMs: 5_000 })).toEqual({ status: 'delivered' });
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});

describe('httpPost and idle connections', () => {
  it('closes an idle connection before a receiver that keeps them long would close it under a new POST', async () => {
    const closed: number[] = [];
    const server = createHttpServer({ keepAliveTimeout: 120_000 }, (req, res) => {
      req.socket.once('close', () => closed.push(performance.now()));
      req.resume().on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const started = performance.now();
      expect(await postJson(httpPost, `http://127.0.0.1:${(server.address() as { port: number }).port}/`, '{}', {})).toEqual({ status: 'delivered' });
      await expect.poll(() => closed.length, { timeout: IDLE_CONNECTION_MS + 2_000, interval: 100 }).toBe(1);
      expect(closed[0]! - started).toBeGreaterThanOrEqual(IDLE_CONNECTION_MS - 100);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('fetchPost and the body of the answer', () => {
  it('reads a small answer of unknown length to its end, where cancelling it would cost an abort', async () => {
    const answer = (chunks: number) => {
      const seen = { cancelled: false, pulled: 0 };
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          seen.pulled += 1;
          if (seen.pulled > chunks) controller.close();
          else controller.enqueue(new Uint8Array(1024));
        },
        cancel() {
          seen.cancelled = true;
        },
      });
      // No content-length: a chunked answer.
      return { seen, fetch: (async () => new Response(body, { status: 200 })) as typeof fetch };
    };
    const small = answer(2);
    expect(await postJson(fetchPost(small.fetch), 'http://receiver.test/', '{}', {})).toEqual({ status: 'delivered' });
    await expect.poll(() => small.seen.pulled).toBe(3);
    expect(small.seen.cancelled).toBe(false);
    const large = answer(1000);
    expect(await postJson(fetchPost(large.fetch), 'http://receiver.test/', '{}', {})).toEqual({ status: 'delivered' });
    await expect.poll(() => large.seen.cancelled).toBe(true);
    expect(large.seen.pulled).toBeLessThan(100);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
