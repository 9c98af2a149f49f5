/**
 * Sends the weekly team update once it is due, once, however many collectors run: each (week, channel) is
 * claimed under the store lease `team-update:<periodKey>:<channel>`, kept for good once sent (or refused for
 * good), kept until the retry is due when worth retrying, as the owner digests are (digest-scheduler.ts).
 * An update more than `LATE_LIMIT_MS` overdue is no longer sent.
 */
import type { Channel, TeamUpdateSettings } from '@heed/shared';
import type { DeliveryOutcome } from './channels.ts';
import { attemptsWithin, retryDelayMs, silentLog, type DeliveryLog } from './delivery.ts';
import { DIGEST_LEASE_MS, LATE_LIMIT_MS } from './digest-scheduler.ts';
import { digestPeriodKey, previousDigestAt } from './digest-schedule.ts';
import { startPeriodicRound } from './periodic-round.ts';
import { buildTeamUpdate, type TeamUpdate, type TeamUpdateDeps } from './team-update.ts';

/** One attempt on one channel (notify/team-update-delivery.ts). */
export type TeamUpdateSender = (message: { channel: Channel; update: TeamUpdate; settings: TeamUpdateSettings; deliveryId: string; now: Date }) => Promise<DeliveryOutcome>;

export interface TeamUpdateSchedulerDeps extends TeamUpdateDeps {
  send: TeamUpdateSender;
  /** Email is a channel only with an SMTP transport. */
  email: boolean;
  workerId: string;
  intervalMs?: number;
  log?: DeliveryLog;
  random?: () => number;
}

export interface TeamUpdateDelivery {
  channel: Channel;
  periodKey: string;
  deliveryId: string;
  outcome: DeliveryOutcome;
}

const DONE = new Date(Date.UTC(9999, 11, 31));

export function teamUpdateChannels(settings: TeamUpdateSettings, email: boolean): Channel[] {
  const channels: Channel[] = [];
  if (settings.webhookUrl) channels.push('webhook');
  if (settings.slackWebhookUrl) channels.push('slack');
  if (settings.email && email) channels.push('email');
  return channels;
}

/** One round: the due week's update on every channel this worker can claim. */
export async function sendDueTeamUpdate(deps: TeamUpdateSchedulerDeps): Promise<TeamUpdateDelivery[]> {
  const { store, config, clock, send, workerId, random = Math.random, log = silentLog } = deps;
  const settings = config.teamUpdate;
  if (!settings) return [];
  const now = clock();
  const due = previousDigestAt(settings, now);
  if (now.getTime() - due.getTime() > LATE_LIMIT_MS) return [];
  const periodKey = digestPeriodKey(settings, due);
  const deliveries: TeamUpdateDelivery[] = [];
  let update: TeamUpdate | undefined;
  for (const channel of teamUpdateChannels(settings, deps.email)) {
    const deliveryId = `team-update:${periodKey}:${channel}`;
    if (!(await store.leases.acquire(deliveryId, workerId, now, new Date(now.getTime() + DIGEST_LEASE_MS)))) continue;
    update ??= await buildTeamUpdate(deps, due);
    let outcome: DeliveryOutcome;
    try {
      outcome = await send({ channel, update, settings, deliveryId, now: clock() });
    } catch (error) {
      outcome = { status: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    const at = clock();
    let nextAttemptAt: Date | undefined;
    if (outcome.status === 'retry') {
      const next = new Date(at.getTime() + retryDelayMs(attemptsWithin(at.getTime() - due.getTime()), outcome, random));
      nextAttemptAt = next.getTime() - due.getTime() <= LATE_LIMIT_MS ? next : undefined;
    }
    await store.leases.extend(deliveryId, workerId, nextAttemptAt ?? DONE);
    if (outcome.status !== 'delivered') {
      const next = nextAttemptAt ? `retrying at ${nextAttemptAt.toISOString()}` : 'given up';
      log.warn({ deliveryId, channel, error: outcome.error, ...(nextAttemptAt && { nextAttemptAt: nextAttemptAt.toISOString() }) }, `team update on ${channel} not delivered: ${outcome.error}; ${next}`);
    }
    deliveries.push({ channel, periodKey, deliveryId, outcome });
  }
  return deliveries;
}

export interface TeamUpdateScheduler {
  runDue(): Promise<TeamUpdateDelivery[]>;
  stop(): Promise<void>;
}

export function startTeamUpdateScheduler(deps: TeamUpdateSchedulerDeps): TeamUpdateScheduler {
  return startPeriodicRound({
    round: () => sendDueTeamUpdate(deps),
    intervalMs: deps.intervalMs ?? 60_000,
    onFailure: (error) => deps.log?.warn({ err: error }, 'team update round failed'),
  });
}
