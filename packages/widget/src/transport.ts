/**
 * Delivery to the collector that never loses an answer: every request is queued in localStorage under
 * its client-made id before the first attempt, each attempt has a deadline, a failed or timed-out one is
 * retried with exponential backoff and jitter (the same id every time, so the collector stores it once),
 * whatever is still queued is handed to `sendBeacon` when the page goes away, and the queue is flushed
 * again on the next page load and when the browser comes back online.
 */

/** localStorage key of the queue; the loader checks it to decide whether a flush is needed. */
export const OUTBOX_KEY = 'heed:outbox';

/** How long one attempt may take before it is abandoned and retried: a collector that accepts the connection and never answers must not hold an answer for the life of the page. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
const MAX_AGE_MS = 30 * 86_400_000;
const MAX_ITEMS = 100;

/** A request waiting for the collector's acknowledgement. */
export interface Queued {
  id: string;
  url: string;
  body: unknown;
  createdAt: number;
}

/** How a request ended: acknowledged (with the collector's reply) or refused for good. */
export type Delivery =
  | { delivered: true; reply: { id?: string; duplicate?: boolean } }
  | { delivered: false; status: number };

export interface Transport {
  /**
   * Queue `body` for `url` under `id` (the body's own submissionId/displayId) and deliver it; one caller per
   * id. `onRetry` hears of each attempt that failed in a way worth retrying (network, timeout, 408/429/5xx).
   */
  send(url: string, id: string, body: unknown, onRetry?: () => void): Promise<Delivery>;
  /** Attempt every queued request that is not in flight now, ignoring backoff. */
  flush(): void;
  /**
   * The page is going away: hand everything queued to `sendBeacon`, in flight or not (an attempt in flight
   * may never end); it stays queued until acknowledged, and its id keeps it from being stored twice.
   */
  beacon(): void;
}

export interface TransportDeps {
  fetch: typeof globalThis.fetch;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  sendBeacon?: (url: string, body: string) => boolean;
  now?: () => number;
  random?: () => number;
  /** Deadline of one attempt, ATTEMPT_TIMEOUT_MS by default. */
  attemptTimeoutMs?: number;
}

/** 408 and 429 say "later"; other 4xx say "never"; 5xx and network errors say "later". */
function retriable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` in ms (delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: attempt n waits between half and all of min(cap, base * 2^n). */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

export function createTransport({
  fetch,
  storage,
  sendBeacon,
  now = Date.now,
  random = Math.random,
  attemptTimeoutMs = ATTEMPT_TIMEOUT_MS,
}: TransportDeps): Transport {
  let queue: Queued[] = [];
  const inFlight = new Set<string>();
  const attempts = new Map<string, number>();
  const notBefore = new Map<string, number>();
  const waiters = new Map<string, (delivery: Delivery) => void>();
  const retryListeners = new Map<string, () => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function stored(): Queued[] {
    try {
      const items: unknown = JSON.parse(storage?.getItem(OUTBOX_KEY) || '[]');
      return Array.isArray(items) ? (items as Queued[]) : [];
    } catch {
      return [];
    }
  }

  /** Apply `change` to this page's queue merged with what other pages and earlier loads stored. */
  function update(change: (items: Queued[]) => Queued[]): void {
    const merged = new Map<string, Queued>();
    for (const item of [...stored(), ...queue]) merged.set(item.id, item);
    const oldest = now() - MAX_AGE_MS;
    queue = change([...merged.values()].filter((item) => item.createdAt > oldest)).slice(-MAX_ITEMS);
    try {
      if (queue.length) storage?.setItem(OUTBOX_KEY, JSON.stringify(queue));
      else storage?.removeItem(OUTBOX_KEY);
    } catch {
      // Storage full or blocked: the in-memory queue still delivers while this page lives.
    }
  }

  function settle(id: string, delivery: Delivery): void {
    update((items) => items.filter((item) => item.id !== id));
    attempts.delete(id);
    notBefore.delete(id);
    waiters.get(id)?.(delivery);
    waiters.delete(id);
    retryListeners.delete(id);
  }

  async function attempt(item: Queued): Promise<void> {
    inFlight.add(item.id);
    let wait: number | undefined;
    try {
      // text/plain keeps the request "simple": no CORS preflight, and keepalive works everywhere.
      const response = await fetch(item.url, {
        method: 'POST',
        body: JSON.stringify(item.body),
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        credentials: 'omit',
        keepalive: true,
        // The deadline covers the reply's body too: a collector may send headers and then stall.
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
      if (response.ok) {
        const reply = (await response.json().catch(() => ({}))) as { id?: string; duplicate?: boolean };
        return settle(item.id, { delivered: true, reply });
      }
      if (!retriable(response.status)) return settle(item.id, { delivered: false, status: response.status });
      wait = retryAfterMs(response.headers.get('retry-after'), now());
    } catch {
      // Offline, DNS, connection refused, CORS, the deadline: all worth another try later.
    } finally {
      inFlight.delete(item.id);
    }
    retryListeners.get(item.id)?.();
    const count = attempts.get(item.id) ?? 0;
    attempts.set(item.id, count + 1);
    notBefore.set(item.id, now() + (wait ?? backoffMs(count, random)));
    pump();
  }

  /** Attempt what is due, and wake up when the next retry is. */
  function pump(): void {
    clearTimeout(timer);
    const at = now();
    let next = Infinity;
    for (const item of queue) {
      if (inFlight.has(item.id)) continue;
      const due = notBefore.get(item.id) ?? 0;
      if (due <= at) void attempt(item);
      else next = Math.min(next, due);
    }
    if (next < Infinity) timer = setTimeout(pump, next - at);
  }

  return {
    send(url, id, body, onRetry) {
      const delivered = new Promise<Delivery>((resolve) => waiters.set(id, resolve));
      if (onRetry) retryListeners.set(id, onRetry);
      update((items) => (items.some((item) => item.id === id) ? items : [...items, { id, url, body, createdAt: now() }]));
      pump();
      return delivered;
    },
    flush() {
      notBefore.clear();
      update((items) => items);
      pump();
    },
    beacon() {
      if (!sendBeacon) return;
      for (const item of queue) sendBeacon(item.url, JSON.stringify(item.body));
    },
  };
}

let page: Transport | undefined;

/** The page's one transport over localStorage, flushed now, on `online`, and beaconed on `pagehide`. */
export function pageTransport(): Transport {
  if (page) return page;
  let storage: Storage | null = null;
  try {
    storage = localStorage;
  } catch {
    // Storage disabled: deliver from memory.
  }
  const transport = createTransport({
    // Looked up per request, so a fetch the host wraps later is the one used.
    fetch: (input, init) => fetch(input, init),
    storage,
    sendBeacon: navigator.sendBeacon ? (url, body) => navigator.sendBeacon(url, body) : undefined,
  });
  addEventListener('online', () => transport.flush());
  addEventListener('pagehide', () => transport.beacon());
  transport.flush();
  return (page = transport);
}
