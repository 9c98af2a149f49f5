/**
 * The delivery engine shared by alerts (outbox.ts) and digests (digest-scheduler.ts): one attempt through a
 * channel adapter, the retry schedule, and the warning every failed attempt leaves in the log.
 *
 * Schedule. A receiver may be down for days (Stripe retries webhooks for 3), so attempts follow the first
 * one after 10 s, 1 min, 5 min, 30 min, 2 h and 6 h, then every 12 h, each delay stretched by up to 10%
 * jitter (never shortened) so that many alerts queued in one outage do not all return at once, and longer
 * when the receiver's `Retry-After` asks for it. A delivery is given up (`failed`) only once the schedule
 * has covered `RETRY_WINDOW_MS`: the 13th attempt, about 80 hours after the first. An outcome of `fail`
 * (a 4xx, a missing address) is given up at once: trying again cannot help.
 */
import type { Channel } from '@heed/shared';
import type { AttemptRecord } from '../store/store.ts';
import type { ChannelAdapter, ChannelAdapters, DeliveryOutcome } from './channels.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The delays after the first failed attempts; after these, `RETRY_EVERY_MS`. */
export const RETRY_DELAYS_MS: readonly number[] = [10 * SECOND, MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR];
export const RETRY_EVERY_MS = 12 * HOUR;
/** How long a delivery keeps being tried, at least. */
export const RETRY_WINDOW_MS = 3 * 24 * HOUR;
/** Each delay is stretched by up to this fraction. */
export const RETRY_JITTER = 0.1;
/** The longest `Retry-After` honoured: a receiver cannot park a delivery for longer. */
export const RETRY_AFTER_CAP_MS = 24 * HOUR;

/** The nominal delay after the `failedAttempts`-th failed attempt (1-based). */
export function scheduledDelayMs(failedAttempts: number): number {
  return RETRY_DELAYS_MS[failedAttempts - 1] ?? RETRY_EVERY_MS;
}

/** Attempts a delivery gets: the last one comes once the nominal delays add up to the window. */
export const MAX_ATTEMPTS = (() => {
  let attempts = 1;
  for (let elapsed = 0; elapsed < RETRY_WINDOW_MS; attempts += 1) elapsed += scheduledDelayMs(attempts);
  return attempts;
})();

/** The wait before the next attempt: the schedule's, jittered, or the receiver's `Retry-After` when longer. */
export function retryDelayMs(failedAttempts: number, outcome: { retryAfterMs?: number }, random: () => number): number {
  const scheduled = Math.round(scheduledDelayMs(failedAttempts) * (1 + RETRY_JITTER * random()));
  return Math.max(scheduled, Math.min(outcome.retryAfterMs ?? 0, RETRY_AFTER_CAP_MS));
}

/** How many attempts the schedule has made `elapsedMs` after the first one (for deliveries that keep no count). */
export function attemptsWithin(elapsedMs: number): number {
  let attempts = 1;
  for (let offset = scheduledDelayMs(1); offset <= elapsedMs; offset += scheduledDelayMs(attempts)) attempts += 1;
  return attempts;
}

/** What the `attempt`-th attempt's outcome leaves: delivered, due again later, or given up. */
export function attemptRecord(attempt: number, outcome: DeliveryOutcome, now: Date, random: () => number): AttemptRecord {
  if (outcome.status === 'delivered') return { status: 'delivered', at: now };
  if (outcome.status === 'fail' || attempt >= MAX_ATTEMPTS) return { status: 'failed', at: now, error: outcome.error };
  return { status: 'retry', at: now, error: outcome.error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, outcome, random)) };
}

/** One attempt through the channel's adapter; a missing adapter fails, anything it throws is worth a retry. */
export async function attemptDelivery(
  channels: ChannelAdapters,
  channel: Channel,
  send: (adapter: ChannelAdapter) => Promise<DeliveryOutcome>,
): Promise<DeliveryOutcome> {
  const adapter = channels[channel];
  if (!adapter) return { status: 'fail', error: `no ${channel} channel is set up${channel === 'email' ? ' (SMTP_URL)' : ''}` };
  try {
    return await send(adapter);
  } catch (error) {
    return { status: 'retry', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Where failed attempts are reported (the app's logger). */
export interface DeliveryLog {
  warn(details: object, message: string): void;
}

export const silentLog: DeliveryLog = { warn: () => undefined };

export interface FailedAttempt {
  what: 'alert' | 'digest';
  deliveryId: string;
  ownerId: string;
  channel: Channel;
  attempt?: number;
  error: string;
  /** When it is tried again; absent once given up. */
  nextAttemptAt?: Date;
  /** False when another worker had taken the delivery over meanwhile, so this outcome was not recorded. */
  recorded?: boolean;
}

/** Logs a failed attempt: owner, channel and error in the message and in the details. */
export function logFailedAttempt(log: DeliveryLog, failed: FailedAttempt): void {
  const next = failed.nextAttemptAt ? `retrying at ${failed.nextAttemptAt.toISOString()}` : 'given up';
  const stale = failed.recorded === false ? ' (outcome not recorded: another worker holds the delivery now)' : '';
  log.warn(
    { ...failed, ...(failed.nextAttemptAt && { nextAttemptAt: failed.nextAttemptAt.toISOString() }) },
    `${failed.what} to owner ${failed.ownerId} on ${failed.channel} not delivered: ${failed.error}; ${next}${stale}`,
  );
}
