/**
 * Sends each owner's weekly digest once it is due, once, however many collectors run.
 *
 * Every digest delivery (owner x period x channel) is claimed with a lease in the store's lease repository,
 * named `digest:<ownerId>:<periodKey>:<channel>`: the worker that acquires it sends; the others see it
 * taken. A delivered (or permanently refused) digest keeps its lease for good, which records it as sent. A
 * delivery worth retrying keeps its lease until the delivery engine's schedule (delivery.ts, counted from the
 * due time) says to try again, and a worker that dies mid-send loses it when it expires: either way a later
 * round, on any instance, tries again. One channel failing never resends another. Every failed attempt is
 * logged. A digest more than `LATE_LIMIT_MS` overdue is no longer sent.
 */
import type { Channel } from '@heed/shared';
import { channelSettings, type ChannelAdapters, type DeliveryOutcome } from './channels.ts';
import { attemptDelivery, attemptsWithin, logFailedAttempt, retryDelayMs, silentLog, type DeliveryLog } from './delivery.ts';
import { buildDigest, type Digest, type DigestDeps } from './digest.ts';
import { digestPeriodKey, digestSettings, previousDigestAt } from './digest-schedule.ts';
import { ownerChannels } from './enqueue-alerts.ts';
import { startPeriodicRound } from './periodic-round.ts';

export interface DigestSchedulerDeps extends DigestDeps {
  channels: ChannelAdapters;
  /** Names this worker in the leases it holds. */
  workerId: string;
  /** How often to look for due digests. */
  intervalMs?: number;
  /** Where failed attempts and failed rounds are reported. */
  log?: DeliveryLog;
  /** [0, 1) source for the schedule's jitter. */
  random?: () => number;
}

export interface DigestDelivery {
  ownerId: string;
  channel: Channel;
  periodKey: string;
  deliveryId: string;
  outcome: DeliveryOutcome;
}

export interface DigestScheduler {
  /** Sends what is due now and not yet claimed; resolves to this worker's deliveries. Rounds never overlap. */
  runDue(): Promise<DigestDelivery[]>;
  /** Stops the timer and waits for a round in flight. */
  stop(): Promise<void>;
}

export const DEFAULT_DIGEST_INTERVAL_MS = 60_000;
/** How long a claim holds while a worker sends. */
export const DIGEST_LEASE_MS = 5 * 60_000;
export const LATE_LIMIT_MS = 24 * 3600_000;
/** The lease of a delivery that is done: it never expires. */
const DONE = new Date(Date.UTC(9999, 11, 31));

export function startDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  return startPeriodicRound({
    round: () => sendDueDigests(deps),
    intervalMs: deps.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS,
    onFailure: (error) => deps.log?.warn({ err: error }, 'digest round failed'),
  });
}

/** One round: every owner's due digest, on every channel this worker can claim. */
export async function sendDueDigests(deps: DigestSchedulerDeps): Promise<DigestDelivery[]> {
  const { store, config, clock, channels, workerId, random = Math.random, log = silentLog } = deps;
  const now = clock();
  const settings = digestSettings(config);
  const due = previousDigestAt(settings, now);
  if (now.getTime() - due.getTime() > LATE_LIMIT_MS) return [];
  const periodKey = digestPeriodKey(settings, due);

  const deliveries: DigestDelivery[] = [];
  for (const owner of config.owners) {
    let digest: Digest | undefined;
    for (const channel of ownerChannels(owner, channelSettings(channels))) {
      const deliveryId = `digest:${owner.id}:${periodKey}:${channel}`;
      if (!(await store.leases.acquire(deliveryId, workerId, now, new Date(now.getTime() + DIGEST_LEASE_MS)))) continue;
      digest ??= await buildDigest(deps, owner.id, due);
      const built = digest;
      const outcome = await attemptDelivery(channels, channel, (adapter) =>
        adapter.sendDigest({ digest: built, owner, deliveryId, now: clock() }),
      );
      const at = clock();
      let nextAttemptAt: Date | undefined;
      if (outcome.status === 'retry') {
        const attempt = attemptsWithin(at.getTime() - due.getTime());
        const next = new Date(at.getTime() + retryDelayMs(attempt, outcome, random));
        nextAttemptAt = next.getTime() - due.getTime() <= LATE_LIMIT_MS ? next : undefined;
      }
      // Done for good, or kept until the next attempt is due.
      await store.leases.extend(deliveryId, workerId, nextAttemptAt ?? DONE);
      if (outcome.status !== 'delivered') {
        logFailedAttempt(log, {
          what: 'digest',
          deliveryId,
          ownerId: owner.id,
          channel,
          error: outcome.error,
          ...(nextAttemptAt && { nextAttemptAt }),
        });
      }
      deliveries.push({ ownerId: owner.id, channel, periodKey, deliveryId, outcome });
    }
  }
  return deliveries;
}
