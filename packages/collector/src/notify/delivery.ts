/**
 * What one delivery attempt came to, and the HTTP POST every web channel (Slack, webhook) makes.
 * - `delivered`: the receiver took it (2xx).
 * - `retry`: worth trying again later (408, 429, 5xx, network error, timeout), no sooner than `retryAfterMs`
 *   when the receiver said so.
 * - `fail`: trying again will not help (3xx, other 4xx, a message the channel refuses).
 */
import type { DeliveryOutcome } from '../domain/channels.ts';

export type { DeliveryOutcome };

export type Fetch = typeof globalThis.fetch;

export interface SendOptions {
  /** The time of the attempt (signatures, `Retry-After` dates). */
  now?: Date;
  /** Abort the request after this long. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** POSTs `body` and classifies the answer. Redirects are not followed: a moved endpoint is a config error. */
export async function postJson(
  fetch: Fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  { now = new Date(), timeoutMs = DEFAULT_TIMEOUT_MS }: SendOptions = {},
): Promise<DeliveryOutcome> {
  // The attempt's deadline, cleared once it is over (the answer's body drained): a timer left to fire later
  // would abort a finished request, which still costs an exception and the stream's teardown.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  timer.unref(); // a body still draining when the collector stops does not keep it running
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      redirect: 'manual',
      signal: deadline.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    return { status: 'retry', error: describeFetchError(error, timeoutMs) };
  }
  void drain(response.body).finally(() => clearTimeout(timer));
  return classifyStatus(response.status, response.headers.get('retry-after'), now);
}

/** Read to its end, a body up to this size leaves the connection open for the next delivery. */
const DRAIN_BODY_BYTES = 64 * 1024;

/**
 * Only the status matters, so the outcome does not wait for the body: it is drained beside it, still under
 * the attempt's deadline. A small body (a receiver's `ok`, sized or chunked) read to its end lets the
 * connection serve the next delivery, where cancelling it would cost an abort with its exception and a
 * new connection (a TLS handshake) per alert; a larger one is cancelled, and one that never ends is
 * aborted by the deadline.
 */
async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (let read = 0; read <= DRAIN_BODY_BYTES; ) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // aborted by the deadline, or the connection dropped: the status has decided the outcome already
  }
}

export function classifyStatus(status: number, retryAfter: string | null, now: Date): DeliveryOutcome {
  if (status >= 200 && status < 300) return { status: 'delivered' };
  const error = `HTTP ${status}`;
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return retryAfterMs === undefined ? { status: 'retry', error } : { status: 'retry', error, retryAfterMs };
  }
  return { status: 'fail', error };
}

/** `Retry-After` as a delay in ms: delta-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with the day name ("Wed, 04 Mar 2026 10:00:00 GMT").
  const at = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
