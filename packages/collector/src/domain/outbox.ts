/**
 * The alert outbox worker. Alerts wait in the store's alert repository; any number of workers (in one
 * process or many) share them safely:
 * - a worker leases one due alert at a time (`claimNextDue`), so no two workers send it at the same time;
 * - it records the attempt's outcome only while that lease is still its own (`recordAttempt`): a worker that
 *   was too slow, and whose alert another worker has taken over, cannot overwrite what that one recorded;
 * - a worker that dies mid-delivery leaves its lease to expire, and another sends the alert again with the
 *   same delivery id (the alert id), so receivers that drop repeats see it exactly once.
 * Failed attempts follow the delivery engine's schedule (delivery.ts): retried over more than 3 days, each
 * one logged and kept in the alert's attempts, then `failed` until someone retries it.
 *
 * When to look: a write in this process that stores a due alert wakes the worker (`wake`, wired by
 * `wakeOnAlerts`), so the alert leaves as soon as it is committed. The poll is for what no write here told
 * it about (an alert another collector stored, a retry that came due, a lease that expired): every `pollMs`
 * after a round that found work, the pause doubling after each round that found none, up to `maxPollMs`,
 * which is how late such an alert can be picked up.
 */
import type { AlertQuery, HeedConfig, Page } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { AlertAttempt, AlertDoc, Store } from '../store/store.ts';
import { catalogOf } from './catalog.ts';
import type { ChannelAdapters, DeliveryOutcome } from './channels.ts';
import { decodeCursor, pageOf } from './cursor.ts';
import { attemptDelivery, attemptRecord, logFailedAttempt, silentLog, type DeliveryLog } from './delivery.ts';

export interface OutboxOptions {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  /** The channels to send on; an alert for a channel left out fails. */
  channels: ChannelAdapters;
  /** Names this worker in leases; unique per process. */
  workerId: string;
  /** Pause before the first poll, and after a round that found work (default 1 s). */
  pollMs?: number;
  /**
   * Longest pause between polls (default 5 s, never below `pollMs`): each round that finds nothing doubles
   * the pause up to it. It bounds how late an alert no write in this process woke the worker for is picked up.
   */
  maxPollMs?: number;
  /** How long a claim lasts: longer than one delivery attempt can take. */
  leaseMs?: number;
  /** [0, 1) source for the schedule's jitter. */
  random?: () => number;
  /** Where every failed attempt is reported (owner, channel, error). */
  log?: DeliveryLog;
  /** Where errors of the background loop go (a store outage, say); the loop carries on. */
  onError?: (error: unknown) => void;
}

export interface Outbox {
  /** Delivers every alert due now (each at most once per call); resolves to how many it processed. */
  runOnce(): Promise<number>;
  /**
   * Runs the loop's round now (or right after the one in flight, which may have looked before the alert was
   * committed), resetting the poll to `pollMs`: called after a write that stored a due alert.
   */
  wake(): void;
  /** Stops polling and waits for the delivery in flight. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_POLL_MS = 1000;
export const DEFAULT_MAX_POLL_MS = 5000;

/**
 * Starts the worker: it polls (the first poll after `pollMs`, then backing off to `maxPollMs` while there is
 * nothing to send) and runs at once when woken, until `stop()`.
 */
export function startOutbox(options: OutboxOptions): Outbox {
  const { store, clock, workerId, pollMs = DEFAULT_POLL_MS, leaseMs = DEFAULT_LEASE_MS } = options;
  const maxPollMs = Math.max(pollMs, options.maxPollMs ?? DEFAULT_MAX_POLL_MS);
  const onError = options.onError ?? ((error: unknown) => console.error('heed outbox:', error));
  const running = new Set<Promise<number>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pause = pollMs;
  /** The loop's round in flight (`runOnce` calls from outside run beside it). */
  let looping: Promise<void> | undefined;
  /** Woken while a round was in flight: run another as soon as it ends. */
  let woken = false;

  async function processDue(): Promise<number> {
    // Answers whose effects a crashed writer left half done (engines without transactions) get them first.
    await store.responses.resumeInterrupted(clock());
    const seen = new Set<string>();
    while (!stopped) {
      const now = clock();
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const alert = await store.alerts.claimNextDue(workerId, now, leaseUntil);
      if (!alert) break;
      // Under a clock that stands still an alert could come due again at once: once per call is enough. One
      // due again (re-queued meanwhile, or a retry due at once) is given back, not left leased until the
      // lease runs out: the next round (the re-queue's own wake, or the poll) takes it.
      if (seen.has(alert._id)) {
        await store.alerts.releaseLease(alert._id, workerId, leaseUntil);
        break;
      }
      seen.add(alert._id);
      await deliverAlert(options, alert, leaseUntil);
    }
    return seen.size;
  }

  function runOnce(): Promise<number> {
    const run = processDue();
    running.add(run);
    const forget = () => running.delete(run);
    run.then(forget, forget);
    return run;
  }

  function loop(): void {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    if (looping) {
      woken = true;
      return;
    }
    woken = false;
    looping = runOnce()
      .then(
        (processed) => {
          pause = processed > 0 ? pollMs : Math.min(maxPollMs, pause * 2);
        },
        (error: unknown) => {
          onError(error);
          pause = Math.min(maxPollMs, pause * 2);
        },
      )
      .finally(() => {
        looping = undefined;
        if (woken) loop();
        else schedule();
      });
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(loop, pause);
    timer.unref();
  }

  schedule();
  return {
    runOnce,
    wake() {
      pause = pollMs;
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}

/**
 * The store, with `wake` called after each write that may have stored a due alert has committed: an answer
 * or item recorded with alerts, alerts enqueued, a triage change or an escalation carrying a new owner's
 * alerts, a failed alert re-queued. (A duplicate that stored nothing wakes the worker for a round that finds
 * nothing, which is harmless.) Reads and every other write pass through untouched.
 */
export function wakeOnAlerts(store: Store, wake: () => void): Store {
  const after =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>, stored: (args: A, result: R) => boolean) =>
    async (...args: A): Promise<R> => {
      const result = await write(...args);
      if (stored(args, result)) wake();
      return result;
    };
  const applied = (result: unknown) => result !== null && result !== 'conflict';
  const { responses, items, alerts, escalations } = store;
  return {
    engine: store.engine,
    responses: withWrites(responses, {
      record: after(responses.record.bind(responses), ([, queued]) => queued.length > 0),
      updateTriage: after(responses.updateTriage.bind(responses), ([, update], result) => update.alerts.length > 0 && applied(result)),
    }),
    items: withWrites(items, {
      record: after(items.record.bind(items), ([, queued]) => queued.length > 0),
      updateTriage: after(items.updateTriage.bind(items), ([, update], result) => update.alerts.length > 0 && applied(result)),
    }),
    alerts: withWrites(alerts, {
      enqueue: after(alerts.enqueue.bind(alerts), (_args, added) => added > 0),
      requeueFailed: after(alerts.requeueFailed.bind(alerts), (_args, requeued) => requeued !== null),
    }),
    escalations: withWrites(escalations, {
      escalate: after(escalations.escalate.bind(escalations), ([, write], escalated) => escalated && write.alerts.length > 0),
    }),
    displays: store.displays,
    leases: store.leases,
    reports: store.reports,
    settings: store.settings,
    issues: store.issues,
    contacts: store.contacts,
    eraseRespondent: (userId) => store.eraseRespondent(userId),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

/** `repository` with `writes` in place of its methods of those names; every other member its own. */
function withWrites<R extends object>(repository: R, writes: Partial<R>): R {
  return new Proxy(repository, {
    get(target, property) {
      if (Object.hasOwn(writes, property)) return writes[property as keyof R];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** One attempt for an alert this worker has leased until `leaseUntil`, recorded only while the lease holds. */
async function deliverAlert(options: OutboxOptions, alert: AlertDoc, leaseUntil: Date): Promise<void> {
  const { store, clock, workerId, random = Math.random, log = silentLog } = options;
  const outcome = await attemptAlert(options, alert);
  const attempt = alert.attempts + 1;
  const record = attemptRecord(attempt, outcome, clock(), random);
  const recorded = await store.alerts.recordAttempt(alert._id, workerId, leaseUntil, record);
  if (record.status === 'delivered') return;
  logFailedAttempt(log, {
    what: 'alert',
    deliveryId: alert._id,
    ownerId: alert.ownerId,
    channel: alert.channel,
    attempt,
    error: record.error,
    ...(record.status === 'retry' && { nextAttemptAt: record.nextAttemptAt }),
    ...(!recorded && { recorded }),
  });
}

async function attemptAlert({ store, config, clock, channels }: OutboxOptions, alert: AlertDoc): Promise<DeliveryOutcome> {
  // An alert's subject is a survey answer or an intake item (`responseId` names either).
  const response = await store.responses.get(alert.responseId);
  const item = response ? null : await store.items.get(alert.responseId);
  if (!response && !item) return { status: 'fail', error: `response or item "${alert.responseId}" no longer exists` };
  const owner = catalogOf(config).owner(alert.ownerId);
  if (!owner) return { status: 'fail', error: `owner "${alert.ownerId}" is no longer in the config` };
  return attemptDelivery(channels, alert.channel, (adapter) =>
    response ? adapter.sendAlert({ alert, response, owner, config, now: clock() }) : adapter.sendItemAlert({ alert, item: item!, owner, config, now: clock() }),
  );
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
  failedAt?: string;
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
    ...(alert.failedAt && { failedAt: alert.failedAt.toISOString() }),
  };
}

/** Alerts, newest first, filtered by status, owner, channel and response, cursor-paginated. */
export async function listAlerts(store: Store, query: AlertQuery): Promise<Page<PresentedAlert>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const docs = await store.alerts.page(
    {
      ...(query.status !== undefined && { status: query.status }),
      ...(query.owner !== undefined && { ownerId: query.owner }),
      ...(query.channel !== undefined && { channel: query.channel }),
      ...(query.responseId !== undefined && { responseId: query.responseId }),
    },
    query.limit + 1,
    after,
  );
  const page = pageOf(docs, query.limit, (doc) => ({ at: doc.createdAt, id: doc._id }));
  return { items: page.items.map(presentAlert), nextCursor: page.nextCursor };
}

export interface PresentedAttempt {
  at: string;
  status: AlertAttempt['status'];
  error?: string;
}

/** The attempts made to deliver an alert, oldest first; `errors.notFound` for an unknown alert. */
export async function listAlertAttempts(store: Store, id: string): Promise<{ items: PresentedAttempt[] }> {
  const [alert, attempts] = await Promise.all([store.alerts.get(id), store.alerts.attempts(id)]);
  if (!alert) throw new errors.notFound(`alert "${id}"`);
  return {
    items: attempts.map((attempt) => ({
      at: attempt.at.toISOString(),
      status: attempt.status,
      ...(attempt.error !== undefined && { error: attempt.error }),
    })),
  };
}

/** Puts a failed alert back in the queue, due now, with a fresh attempt budget. */
export async function retryAlert(store: Store, id: string, now: Date): Promise<PresentedAlert> {
  const requeued = await store.alerts.requeueFailed(id, now);
  if (requeued) return presentAlert(requeued);
  const existing = await store.alerts.get(id);
  if (!existing) throw new errors.notFound(`alert "${id}"`);
  throw new errors.conflict(`alert "${id}" is ${existing.status}; only failed alerts can be retried`);
}
