import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_KEY, backoffMs, createTransport, retryAfterMs, type TransportDeps } from './transport.ts';

const URL_RESPONSES = 'http://collector.test/v1/responses';

/** localStorage's contract over a Map. */
class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

interface Call {
  url: string;
  init: RequestInit;
  body: unknown;
}

/** A scripted network: each call takes the next outcome (a status, or 'offline'); the last one repeats. */
function network(...outcomes: Array<number | 'offline' | Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: String(url), init, body: JSON.parse(String(init.body)) });
    const outcome = outcomes.length > 1 ? outcomes.shift()! : outcomes[0]!;
    if (outcome === 'offline') throw new TypeError('Failed to fetch');
    if (outcome instanceof Response) return outcome;
    const ok = outcome >= 200 && outcome < 300;
    return new Response(ok ? JSON.stringify({ id: 'r_1', duplicate: outcome === 200 }) : '{}', { status: outcome });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function transport(deps: Partial<TransportDeps> & Pick<TransportDeps, 'fetch'>, storage = new MemoryStorage()) {
  return createTransport({ storage, random: () => 0, now: () => Date.now(), ...deps });
}

const answer = { submissionId: '9b2f3c1e-8a4d-4c36-9a51-2f0b6a7d9e10', surveyId: 'app-nps', answers: { score: 9 } };

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-01T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('transport', () => {
  it('posts the body as text/plain JSON with keepalive and resolves with the acknowledgement', async () => {
    const net = network(202);
    const storage = new MemoryStorage();
    const delivery = await transport({ fetch: net.fetch }, storage).send(URL_RESPONSES, answer.submissionId, answer);

    expect(delivery).toEqual({ delivered: true, reply: { id: 'r_1', duplicate: false } });
    expect(net.calls).toHaveLength(1);
    expect(net.calls[0]).toMatchObject({ url: URL_RESPONSES, body: answer });
    expect(net.calls[0]!.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(new Headers(net.calls[0]!.init.headers).get('content-type')).toMatch(/^text\/plain/);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('keeps the request in storage until it is acknowledged', async () => {
    const net = network('offline');
    const storage = new MemoryStorage();
    void transport({ fetch: net.fetch }, storage).send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);

    const queued = JSON.parse(storage.getItem(OUTBOX_KEY)!);
    expect(queued).toEqual([{ id: answer.submissionId, url: URL_RESPONSES, body: answer, createdAt: Date.now() }]);
  });

  it('retries network errors and 5xx with growing delays and the same submission id', async () => {
    const net = network('offline', 503, 500, 202);
    const delivery = transport({ fetch: net.fetch }).send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls).toHaveLength(1);

    // random() = 0 gives the lower bound of each jittered delay: 500 ms, 1 s, 2 s.
    await vi.advanceTimersByTimeAsync(499);
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(net.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(net.calls).toHaveLength(4);

    await expect(delivery).resolves.toMatchObject({ delivered: true });
    expect(new Set(net.calls.map((call) => (call.body as typeof answer).submissionId))).toEqual(new Set([answer.submissionId]));
  });

  it('honours Retry-After on 429 and 408', async () => {
    const net = network(
      new Response('{}', { status: 429, headers: { 'retry-after': '7' } }),
      new Response('{}', { status: 408, headers: { 'retry-after': new Date(Date.now() + 7_000 + 3_000).toUTCString() } }),
      202,
    );
    const delivery = transport({ fetch: net.fetch }).send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(net.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.calls).toHaveLength(3);
    await expect(delivery).resolves.toMatchObject({ delivered: true });
  });

  it('drops a request the collector refuses with another 4xx, without retrying', async () => {
    const net = network(400);
    const storage = new MemoryStorage();
    const delivery = await transport({ fetch: net.fetch }, storage).send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(120_000);

    expect(delivery).toEqual({ delivered: false, status: 400 });
    expect(net.calls).toHaveLength(1);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('delivers what an earlier page load queued, once, with the same id', async () => {
    const storage = new MemoryStorage();
    const offline = network('offline');
    void transport({ fetch: offline.fetch }, storage).send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);

    // The page is reloaded: a new transport over the same storage.
    const online = network(202);
    transport({ fetch: online.fetch }, storage).flush();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(120_000);

    expect(online.calls.map((call) => call.body)).toEqual([answer]);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('queues a repeated send of the same id once', async () => {
    const net = network('offline');
    const storage = new MemoryStorage();
    const sender = transport({ fetch: net.fetch }, storage);
    void sender.send(URL_RESPONSES, answer.submissionId, answer);
    void sender.send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.parse(storage.getItem(OUTBOX_KEY)!)).toHaveLength(1);
    expect(net.calls).toHaveLength(1);
  });

  it('flush() retries at once, ignoring the backoff', async () => {
    const net = network('offline', 202);
    const sender = transport({ fetch: net.fetch });
    const delivery = sender.send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);
    sender.flush();
    await expect(delivery).resolves.toMatchObject({ delivered: true });
    expect(net.calls).toHaveLength(2);
  });

  it('beacons what is waiting when the page goes away, and keeps it queued', async () => {
    const net = network('offline');
    const storage = new MemoryStorage();
    const beacons: Array<[string, string]> = [];
    const sender = transport({ fetch: net.fetch, sendBeacon: (url, body) => beacons.push([url, body]) > 0 }, storage);
    void sender.send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);

    sender.beacon();
    expect(beacons).toEqual([[URL_RESPONSES, JSON.stringify(answer)]]);
    expect(JSON.parse(storage.getItem(OUTBOX_KEY)!)).toHaveLength(1);
  });

  it('gives every attempt a deadline, retries one that timed out with the same id, and tells the caller', async () => {
    // AbortSignal.timeout runs on the real clock.
    vi.useRealTimers();
    const calls: RequestInit[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      calls.push(init);
      // The first attempt reaches a collector that never answers; the second is acknowledged.
      if (calls.length === 1) {
        return new Promise<Response>((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
      }
      return new Response(JSON.stringify({ id: 'r_1', duplicate: false }), { status: 202 });
    }) as unknown as typeof globalThis.fetch;
    let retries = 0;
    const sender = transport({ fetch, attemptTimeoutMs: 50 });
    const delivery = await sender.send(URL_RESPONSES, answer.submissionId, answer, () => (retries += 1));

    expect(delivery).toEqual({ delivered: true, reply: { id: 'r_1', duplicate: false } });
    expect(calls).toHaveLength(2);
    expect(calls.every((init) => init.signal instanceof AbortSignal)).toBe(true);
    expect(calls.map((init) => JSON.parse(String(init.body)).submissionId)).toEqual([answer.submissionId, answer.submissionId]);
    expect(retries).toBe(1);
  });

  it('beacons an attempt still in flight when the page goes away, since it may never end', async () => {
    const fetch = (() => new Promise<Response>(() => undefined)) as unknown as typeof globalThis.fetch;
    const beacons: string[] = [];
    const sender = transport({ fetch, sendBeacon: (_url, body) => beacons.push(body) > 0 });
    void sender.send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(0);

    sender.beacon();
    expect(beacons).toEqual([JSON.stringify(answer)]);
  });

  it('forgets requests older than 30 days', async () => {
    const storage = new MemoryStorage();
    const old = { id: 'old', url: URL_RESPONSES, body: answer, createdAt: Date.now() - 31 * 86_400_000 };
    storage.setItem(OUTBOX_KEY, JSON.stringify([old]));
    const net = network(202);
    transport({ fetch: net.fetch }, storage).flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls).toHaveLength(0);
    expect(storage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('still delivers when storage throws', async () => {
    const net = network('offline', 202);
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const delivery = createTransport({ fetch: net.fetch, storage: broken, random: () => 0 }).send(URL_RESPONSES, answer.submissionId, answer);
    await vi.advanceTimersByTimeAsync(500);
    await expect(delivery).resolves.toMatchObject({ delivered: true });
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(retryAfterMs(new Date(now - 30_000).toUTCString(), now)).toBe(0);
  });
  it('ignores a missing or unreadable header', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles up to a one-minute cap, jittered within the upper half', () => {
    expect(backoffMs(0, () => 0)).toBe(500);
    expect(backoffMs(0, () => 0.999)).toBeCloseTo(999.5);
    expect(backoffMs(3, () => 0)).toBe(4_000);
    expect(backoffMs(20, () => 0)).toBe(30_000);
    expect(backoffMs(20, () => 1)).toBe(60_000);
  });
});
