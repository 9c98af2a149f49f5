/**
 * Sends each owner's weekly digest once it is due, once, however many collectors run.
 *
 * Every digest delivery (owner x period x channel) is claimed with a lease in the `leases` collection,
 * `_id` = `digest:<ownerId>:<periodKey>:<channel>`: the first worker to insert it (unique `_id`) sends; the
 * others see it taken. A delivered (or permanently refused) digest keeps its lease for good, which records it
 * as sent. A delivery worth retrying gets its lease back after a delay, and a worker that dies mid-send
 * loses it when it expires: either way a later round, on any instance, tries again. One channel failing
 * never resends another. A digest more than `LATE_LIMIT_MS` overdue is no longer sent.
 */
import type { Channel } from '@heed/shared';
import type { DeliveryOutcome } from '../notify/delivery.ts';
import type { Store } from '../store/store.ts';
import { buildDigest, type Digest, type DigestDeps } from './digest.ts';
import { sendDigest, type DigestTransports } from './digest-delivery.ts';
import { digestPeriodKey, digestSettings, previousDigestAt } from './digest-schedule.ts';
import { ownerChannels } from './enqueue-alerts.ts';

export interface DigestLog {
  warn(details: object, message: string): void;
}

export interface DigestSchedulerDeps extends DigestDeps, DigestTransports {
  /** Names this worker in the leases it holds. */
  workerId: string;
  /** How often to look for due digests. */
  intervalMs?: number;
  log?: DigestLog;
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
/** The least wait before retrying a delivery the receiver could not take. */
export const DIGEST_RETRY_MS = 10 * 60_000;
export const LATE_LIMIT_MS = 24 * 3600_000;
/** The lease of a delivery that is done: it never expires. */
const DONE = new Date(Date.UTC(9999, 11, 31));

export function startDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  let round: Promise<DigestDelivery[]> | undefined;
  const runDue = () =>
    (round ??= sendDueDigests(deps).finally(() => {
      round = undefined;
    }));
  const timer = setInterval(() => {
    runDue().catch((error: unknown) => deps.log?.warn({ err: error }, 'digest round failed'));
  }, deps.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS);
  timer.unref();
  return {
    runDue,
    async stop() {
      clearInterval(timer);
      await round?.catch(() => undefined);
    },
  };
}

/** One round: every owner's due digest, on every channel this worker can claim. */
export async function sendDueDigests(deps: DigestSchedulerDeps): Promise<DigestDelivery[]> {
  const now = deps.clock();
  const settings = digestSettings(deps.config);
  const due = previousDigestAt(settings, now);
  if (now.getTime() - due.getTime() > LATE_LIMIT_MS) return [];
  const periodKey = digestPeriodKey(settings, due);

  const deliveries: DigestDelivery[] = [];
  for (const owner of deps.config.owners) {
    let digest: Digest | undefined;
    for (const channel of ownerChannels(owner, { email: deps.mailer !== undefined })) {
      const deliveryId = `digest:${owner.id}:${periodKey}:${channel}`;
      if (!(await claim(deps.store, deliveryId, deps.workerId, now))) continue;
      digest ??= await buildDigest(deps, owner.id, due);
      const outcome = await sendDigest(digest, owner, channel, deliveryId, deps, deps.clock());
      await settle(deps.store, deliveryId, deps.workerId, outcome, deps.clock());
      if (outcome.status !== 'delivered') deps.log?.warn({ deliveryId, outcome }, `digest not delivered (${outcome.status})`);
      deliveries.push({ ownerId: owner.id, channel, periodKey, deliveryId, outcome });
    }
  }
  return deliveries;
}

/** Takes the delivery's lease: new, or expired and not done. */
async function claim(store: Store, id: string, holder: string, now: Date): Promise<boolean> {
  const leases = store.collection('leases');
  const until = new Date(now.getTime() + DIGEST_LEASE_MS);
  if ((await leases.insertOne({ _id: id, holder, until })).inserted) return true;
  return (await leases.findOneAndUpdate({ _id: id, until: { $lte: now } }, { $set: { holder, until } })) !== null;
}

/** Done for good, or released for a retry after a delay. */
async function settle(store: Store, id: string, holder: string, outcome: DeliveryOutcome, now: Date): Promise<void> {
  const until =
    outcome.status === 'retry' ? new Date(now.getTime() + Math.max(outcome.retryAfterMs ?? 0, DIGEST_RETRY_MS)) : DONE;
  await store.collection('leases').updateOne({ _id: id, holder }, { $set: { until } });
}
