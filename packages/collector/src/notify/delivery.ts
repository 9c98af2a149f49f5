/**
 * What one delivery attempt came to, and the JSON POST every web channel (Slack, webhook) makes.
 * - `delivered`: the receiver took it (2xx).
 * - `retry`: worth trying again later (408, 429, 5xx, network error, timeout), no sooner than `retryAfterMs`
 *   when the receiver said so.
 * - `fail`: trying again will not help (3xx, other 4xx, a message the channel refuses).
 */
import type { DeliveryOutcome } from '../domain/channels.ts';
import type { Post } from './http-post.ts';

export type { DeliveryOutcome };

export interface SendOptions {
  /** The time of the attempt (signatures, `Retry-After` dates). */
  now?: Date;
  /** Abort the request after this long. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** POSTs `body` as JSON and classifies the answer. */
export async function postJson(
  post: Post,
  url: string,
  body: string,
  headers: Record<string, string>,
  { now = new Date(), timeoutMs = DEFAULT_TIMEOUT_MS }: SendOptions = {},
): Promise<DeliveryOutcome> {
  try {
    const { status, retryAfter } = await post({ url, body, headers, timeoutMs });
    return classifyStatus(status, retryAfter, now);
  } catch (error) {
    return { status: 'retry', error: describeError(error) };
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

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
