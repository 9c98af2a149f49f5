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
  // The attempt's deadline, cleared once it is over: a timer left to fire later would abort a finished
  // request, which still costs an exception and the stream's teardown, ten seconds after every delivery.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  try {
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
      return { status: 'retry', error: describeFetchError(error, timeoutMs) };
    }
    await release(response);
    return classifyStatus(response.status, response.headers.get('retry-after'), now);
  } finally {
    clearTimeout(timer);
  }
}

/** Bodies of a declared length up to this size are read to their end rather than cancelled. */
const READ_BODY_BYTES = 64 * 1024;

/**
 * Only the status matters. A small body of a declared length (a receiver's `{"ok":true}`) is read to its
 * end, which costs less than cancelling the stream (an abort, with its exception, per delivery); a large
 * or unsized one, which may be slow or endless, is cancelled. Reading stays under the attempt's deadline.
 */
async function release(response: Response): Promise<void> {
  if (!response.body) return;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  try {
    if (length <= READ_BODY_BYTES) await response.arrayBuffer();
    else await response.body.cancel();
  } catch {
    // the status has arrived; what happens to the rest of the body does not change the outcome
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
