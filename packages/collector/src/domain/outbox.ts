/**
 * The alert outbox worker. Alerts wait in the `alerts` collection; any number of workers (in one process or
 * many) share them safely:
 * - a worker claims one due alert at a time with an atomic lease (`leaseOwner`, `leaseUntil`), so no two
 *   workers send the same alert at the same time;
 * - it records the outcome only if it still holds that lease;
 * - a worker that dies mid-delivery leaves its lease to expire, and another sends the alert again with
 *   the same delivery id (the alert id), so receivers that drop repeats see it exactly once.
 * Failed attempts are retried with exponential backoff and full jitter (or later, when the receiver sends
 * `Retry-After`), up to `maxAttempts`; then the alert is `failed` until someone retries it.
 */
import type { AlertQuery, HeedConfig, Page } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { AlertDoc, Filter, Store } from '../store/store.ts';
import type { DeliveryOutcome, Fetch } from '../notify/delivery.ts';
import { sendEmail, type Mailer } from '../notify/email.ts';
import { sendSlack } from '../notify/slack.ts';
import { sendWebhook } from '../notify/webhook.ts';
import { afterPosition, decodeCursor, encodeCursor } from './cursor.ts';
import { resumeIngestEffects } from './ingest.ts';

export interface OutboxOptions {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  fetch: Fetch;
  /** Names this worker in leases; unique per process. */
  workerId: string;
  /** Pause between polls of the loop. */
  pollMs?: number;
  /** How long a claim lasts: longer than one delivery attempt can take. */
  leaseMs?: number;
  maxAttempts?: number;
  /** [0, 1) source for backoff jitter. */
  random?: () => number;
  /** The SMTP transport; without one, email alerts fail. */
  mailer?: Mailer;
  /** Timeout of one outbound HTTP request. */
  timeoutMs?: number;
  /** Where errors of the background loop go (a store outage, say); the loop carries on. */
  onError?: (error: unknown) => void;
}

export interface Outbox {
  /** Delivers every alert due now (each at most once per call); resolves to how many it processed. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the delivery in flight. */
  stop(): Promise<void>;
}

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 3_600_000;

/** Starts the worker: it polls every `pollMs` (the first poll after `pollMs`) until `stop()`. */
export function startOutbox(options: OutboxOptions): Outbox {
  const {
    store,
    config,
    clock,
    workerId,
    pollMs = 1000,
    leaseMs = 30_000,
    onError = (error: unknown) => console.error('heed outbox:', error),
  } = options;
  const alerts = store.collection('alerts');
  const running = new Set<Promise<number>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function processDue(): Promise<number> {
    await resumeIngestEffects({ store, config, clock, channels: { email: options.mailer !== undefined } });
    const done: string[] = [];
    while (!stopped) {
      const now = clock();
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const alert = await alerts.findOneAndUpdate(
        {
          status: 'pending',
          nextAttemptAt: { $lte: now },
          $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lt: now } }],
          ...(done.length > 0 && { _id: { $nin: done } }),
        },
        { $set: { leaseOwner: workerId, leaseUntil } },
        { sort: { nextAttemptAt: 1 } },
      );
      if (!alert) break;
      done.push(alert._id);
      const outcome = await attempt(options, alert);
      await alerts.updateOne(
        { _id: alert._id, leaseOwner: workerId, leaseUntil },
        afterAttempt(options, alert, outcome, clock()),
      );
    }
    return done.length;
  }

  function runOnce(): Promise<number> {
    const run = processDue();
    running.add(run);
    const forget = () => running.delete(run);
    run.then(forget, forget);
    return run;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce().catch(onError).finally(schedule);
    }, pollMs);
    timer.unref();
  }

  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}

/** One delivery attempt; anything unexpected is an error worth retrying. */
async function attempt(options: OutboxOptions, alert: AlertDoc): Promise<DeliveryOutcome> {
  const { store, config, clock, fetch, mailer, timeoutMs } = options;
  try {
    const response = await store.collection('responses').findOne({ _id: alert.responseId });
    if (!response) return { status: 'fail', error: `response "${alert.responseId}" no longer exists` };
    const owner = config.owners.find((o) => o.id === alert.ownerId);
    if (!owner) return { status: 'fail', error: `owner "${alert.ownerId}" is no longer in the config` };
    const sendOptions = { now: clock(), ...(timeoutMs !== undefined && { timeoutMs }) };
    switch (alert.channel) {
      case 'webhook':
        return await sendWebhook(alert, response, owner, config, fetch, sendOptions);
      case 'slack':
        return await sendSlack(alert, response, owner, config, fetch, sendOptions);
      case 'email':
        if (!mailer) return { status: 'fail', error: 'email alerts need SMTP_URL' };
        return await sendEmail(alert, response, owner, config, mailer);
    }
  } catch (error) {
    return { status: 'retry', error: error instanceof Error ? error.message : String(error) };
  }
}

/** The update recording an attempt's outcome; it also releases the lease. */
function afterAttempt(options: OutboxOptions, alert: AlertDoc, outcome: DeliveryOutcome, now: Date) {
  const { maxAttempts = 8, random = Math.random } = options;
  const attempts = alert.attempts + 1;
  const release = { leaseOwner: '', leaseUntil: '' };
  if (outcome.status === 'delivered') {
    return { $set: { status: 'delivered', attempts, deliveredAt: now }, $unset: { ...release, lastError: '' } };
  }
  if (outcome.status === 'fail' || attempts >= maxAttempts) {
    return { $set: { status: 'failed', attempts, lastError: outcome.error }, $unset: release };
  }
  const delay = Math.max(backoffMs(attempts, random), outcome.retryAfterMs ?? 0);
  return {
    $set: { attempts, lastError: outcome.error, nextAttemptAt: new Date(now.getTime() + delay) },
    $unset: release,
  };
}

/** Full jitter: uniform in [0, min(cap, base * 2^(attempts - 1))). */
export function backoffMs(attempts: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1));
  return Math.floor(random() * ceiling);
}

export interface PresentedAlert {
  id: string;
  responseId: string;
  ownerId: string;
  channel: AlertDoc['channel'];
  status: AlertDoc['status'];
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
  createdAt: string;
  deliveredAt?: string;
}

/** The API shape of an alert: `id` (the delivery id) for `_id`, ISO dates, no lease bookkeeping. */
export function presentAlert(alert: AlertDoc): PresentedAlert {
  return {
    id: alert._id,
    responseId: alert.responseId,
    ownerId: alert.ownerId,
    channel: alert.channel,
    status: alert.status,
    attempts: alert.attempts,
    nextAttemptAt: alert.nextAttemptAt.toISOString(),
    ...(alert.lastError !== undefined && { lastError: alert.lastError }),
    createdAt: alert.createdAt.toISOString(),
    ...(alert.deliveredAt && { deliveredAt: alert.deliveredAt.toISOString() }),
  };
}

/** Alerts, newest first, filtered by status, owner and channel, cursor-paginated. */
export async function listAlerts(store: Store, query: AlertQuery): Promise<Page<PresentedAlert>> {
  const filter: Filter = {};
  if (query.status !== undefined) filter.status = query.status;
  if (query.owner !== undefined) filter.ownerId = query.owner;
  if (query.channel !== undefined) filter.channel = query.channel;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const docs = await store.collection('alerts').find(afterPosition(filter, 'createdAt', after), {
    sort: { createdAt: -1, _id: -1 },
    limit: query.limit + 1,
  });
  const items = docs.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentAlert),
    nextCursor: docs.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null,
  };
}

/** Puts a failed alert back in the queue, due now, with a fresh attempt budget. */
export async function retryAlert(store: Store, id: string, now: Date): Promise<PresentedAlert> {
  const alerts = store.collection('alerts');
  const requeued = await alerts.findOneAndUpdate(
    { _id: id, status: 'failed' },
    { $set: { status: 'pending', attempts: 0, nextAttemptAt: now }, $unset: { lastError: '', leaseOwner: '', leaseUntil: '' } },
  );
  if (requeued) return presentAlert(requeued);
  const existing = await alerts.findOne({ _id: id });
  if (!existing) throw new errors.notFound(`alert "${id}"`);
  throw new errors.conflict(`alert "${id}" is ${existing.status}; only failed alerts can be retried`);
}
