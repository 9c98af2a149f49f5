/**
 * Escalation: feedback its owner has not acknowledged within N business days (config `escalation`: a
 * default and per feedback type, counted on the owner's calendar, `owners[].timeZone`) goes to the feedback
 * type's secondary owner (survey answers: `escalation.surveySecondaryOwner`): one alert per channel of
 * theirs and an entry in the item's triage history, written together in one store commit that happens at
 * most once per item (`store.escalations.escalate`). Rounds run under the store lease `escalation`, so
 * several collectors take turns; the marker makes a repeat harmless anyway.
 */
import type { HeedConfig, Owner } from '@heed/shared';
import type { Clock } from '../clock.ts';
import type { InboxEntry, Position, Store } from '../store/store.ts';
import { addBusinessDays } from './business-days.ts';
import type { ChannelSettings } from './enqueue-alerts.ts';
import { ownerAlerts } from './enqueue-alerts.ts';
import type { DeliveryLog } from './delivery.ts';
import { timeOrderedId } from './ids.ts';
import { startPeriodicRound } from './periodic-round.ts';

export interface EscalationDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  channelSettings: ChannelSettings;
  workerId: string;
  newId?: () => string;
}

export interface Escalated {
  id: string;
  from: string;
  to: string;
  businessDays: number;
}

export const ESCALATION_LEASE = 'escalation';
export const ESCALATION_LEASE_MS = 60_000;
/** Candidates read per page, and at most per round. */
const PAGE = 100;
const ROUND = 2000;
const DAY_MS = 24 * 3600_000;

/** Who an item escalates to and after how many business days; `undefined` when it does not escalate. */
export function escalationRule(config: HeedConfig, entry: InboxEntry): { owner: string; secondary: Owner; businessDays: number; timeZone: string } | undefined {
  const settings = config.escalation;
  if (!settings) return undefined;
  const subject = entry.source === 'survey' ? entry.response : entry.item;
  const owner = subject.triage.owner ?? subject.routing.owner;
  if (owner === undefined) return undefined;
  const feedbackType = entry.source === 'survey' ? undefined : entry.item.feedbackType;
  const secondaryId =
    feedbackType === undefined ? settings.surveySecondaryOwner : config.feedbackTypes.find((type) => type.id === feedbackType)?.secondaryOwner;
  const secondary = config.owners.find((candidate) => candidate.id === secondaryId);
  if (!secondary || secondary.id === owner) return undefined;
  const businessDays = (feedbackType !== undefined ? settings.byFeedbackType[feedbackType] : undefined) ?? settings.businessDays;
  const timeZone = config.owners.find((candidate) => candidate.id === owner)?.timeZone ?? 'UTC';
  return { owner, secondary, businessDays, timeZone };
}

/** When an item's acknowledgement is due; `undefined` when it never escalates. */
export function acknowledgementDue(config: HeedConfig, entry: InboxEntry): Date | undefined {
  const rule = escalationRule(config, entry);
  if (!rule) return undefined;
  const receivedAt = entry.source === 'survey' ? entry.response.receivedAt : entry.item.receivedAt;
  return addBusinessDays(receivedAt, rule.businessDays, rule.timeZone);
}

/** One round: escalates every item past its window, under the store lease; resolves to what this worker escalated. */
export async function escalateDue(deps: EscalationDeps): Promise<Escalated[]> {
  const { store, config, clock, workerId, newId = timeOrderedId } = deps;
  const settings = config.escalation;
  if (!settings) return [];
  const now = clock();
  if (!(await store.leases.acquire(ESCALATION_LEASE, workerId, now, new Date(now.getTime() + ESCALATION_LEASE_MS)))) return [];
  const escalated: Escalated[] = [];
  try {
    // N business days are at least N whole days: nothing received later can be due.
    const shortest = Math.min(settings.businessDays, ...Object.values(settings.byFeedbackType));
    const before = new Date(now.getTime() - shortest * DAY_MS + 1);
    let after: Position | undefined;
    for (let read = 0; read < ROUND; read += PAGE) {
      const page = await store.escalations.awaitingAcknowledgement(before, PAGE, after);
      for (const entry of page) {
        const rule = escalationRule(config, entry);
        const due = acknowledgementDue(config, entry);
        if (!rule || !due || due.getTime() > now.getTime()) continue;
        const id = entry.source === 'survey' ? entry.response._id : entry.item._id;
        const at = clock();
        const change = { at, actor: 'escalation', changes: { escalatedTo: rule.secondary.id, owner: rule.owner, businessDays: rule.businessDays } };
        const alerts = ownerAlerts(id, rule.secondary, deps.channelSettings, at, newId);
        if (await store.escalations.escalate(id, { at, change, alerts })) {
          escalated.push({ id, from: rule.owner, to: rule.secondary.id, businessDays: rule.businessDays });
        }
      }
      const last = page.at(-1);
      if (page.length < PAGE || !last) break;
      after = last.source === 'survey' ? { at: last.response.receivedAt, id: last.response._id } : { at: last.item.receivedAt, id: last.item._id };
    }
  } finally {
    // Free for the next round, on any collector.
    await store.leases.extend(ESCALATION_LEASE, workerId, clock());
  }
  return escalated;
}

export interface EscalationScheduler {
  runDue(): Promise<Escalated[]>;
  stop(): Promise<void>;
}

export const DEFAULT_ESCALATION_INTERVAL_MS = 5 * 60_000;

export function startEscalationScheduler(deps: EscalationDeps & { intervalMs?: number; log?: DeliveryLog }): EscalationScheduler {
  return startPeriodicRound({
    round: () => escalateDue(deps),
    intervalMs: deps.intervalMs ?? DEFAULT_ESCALATION_INTERVAL_MS,
    onFailure: (error) => deps.log?.warn({ err: error }, 'escalation round failed'),
  });
}
