/**
 * The weekly team update ("the Friday update", config `teamUpdate`): every item being pursued
 * (acknowledged or actioned) with its issue link and what changed in its triage this week, the week's new
 * items by source and feedback type, the week's escalations, and the alerts given up during the week. Plain
 * data; notify/team-update-delivery.ts renders it for each channel.
 *
 * A week ends at a due instant of the team update's schedule (weekday, hour, time zone; digest-schedule.ts)
 * and starts at the one before.
 */
import type { Channel, FeedbackSource, HeedConfig, TeamUpdateSettings, TriageStatus } from '@heed/shared';
import { TeamUpdateSchema } from '@heed/shared';
import type { Clock } from '../clock.ts';
import type { InboxEntry, Store } from '../store/store.ts';
import { digestPeriodKey, nextDigestAt, previousDigestAt } from './digest-schedule.ts';

export interface TeamUpdateDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
}

export interface TeamUpdateChange {
  at: string;
  actor: string;
  changes: Record<string, unknown>;
}

export interface PursuedItem {
  id: string;
  source: FeedbackSource;
  feedbackType?: string;
  title: string;
  status: TriageStatus;
  owner?: string;
  issueUrl?: string;
  /** Triage changes in the week, oldest first. */
  changes: TeamUpdateChange[];
}

export interface TeamUpdateEscalation {
  id: string;
  title: string;
  at: string;
  from?: string;
  to?: string;
}

export interface TeamUpdateFailedAlert {
  id: string;
  responseId: string;
  ownerId: string;
  channel: Channel;
  failedAt: string;
  lastError?: string;
}

export interface TeamUpdate {
  name: string;
  /** The local date it is due, `YYYY-MM-DD`: names the week. */
  periodKey: string;
  timeZone: string;
  week: { start: string; end: string };
  pursued: PursuedItem[];
  /** Pursued items beyond those listed. */
  morePursued: number;
  newItems: { total: number; bySource: Record<string, number>; byType: Record<string, number> };
  escalations: TeamUpdateEscalation[];
  failedAlerts: TeamUpdateFailedAlert[];
}

export const PURSUED_LIMIT = 200;
const LIST_LIMIT = 100;
/** A week of every source's items is read in one pass and counted; past this it is only counted. */
const NEW_ITEMS_SCAN = 100_000;

/** The configured schedule and channels; `undefined` when the config has no team update. */
export function teamUpdateSettings(config: Pick<HeedConfig, 'teamUpdate'>): TeamUpdateSettings | undefined {
  return config.teamUpdate;
}

/** Defaults for a preview when nothing is configured. */
const PREVIEW_DEFAULTS = TeamUpdateSchema.parse({ email: 'team@example.com' });

function titleOf(entry: InboxEntry): string {
  if (entry.source === 'survey') {
    const { response } = entry;
    const comment = response.answers.comment?.trim();
    const score = response.answers.score !== undefined ? ` ${response.answers.score}` : '';
    return comment ? clip(comment) : `${response.kind.toUpperCase()}${score} (${response.surveyId})`;
  }
  return clip(entry.item.title ?? entry.item.text);
}

function clip(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function subjectOf(entry: InboxEntry) {
  return entry.source === 'survey' ? entry.response : entry.item;
}

/** The update for the week ending at the due instant `end` (default: the next one, for a preview). */
export async function buildTeamUpdate({ store, config, clock }: TeamUpdateDeps, end?: Date): Promise<TeamUpdate> {
  const settings = teamUpdateSettings(config) ?? PREVIEW_DEFAULTS;
  const due = end ?? nextDigestAt(settings, clock());
  const start = previousDigestAt(settings, new Date(due.getTime() - 1));
  const inWeek = (at: Date) => at.getTime() >= start.getTime() && at.getTime() < due.getTime();

  const pursued: PursuedItem[] = [];
  let morePursued = 0;
  for await (const entry of store.items.stream({ status: ['acknowledged', 'actioned'] })) {
    if (pursued.length >= PURSUED_LIMIT) {
      morePursued += 1;
      continue;
    }
    const subject = subjectOf(entry);
    const feedbackType = entry.source === 'survey' ? undefined : entry.item.feedbackType;
    const owner = subject.triage.owner ?? subject.routing.owner;
    pursued.push({
      id: subject._id,
      source: entry.source,
      ...(feedbackType !== undefined && { feedbackType }),
      title: titleOf(entry),
      status: subject.triage.status,
      ...(owner !== undefined && { owner }),
      ...(subject.triage.issueUrl !== undefined && { issueUrl: subject.triage.issueUrl }),
      changes: subject.triage.history
        .filter((change) => inWeek(change.at))
        .map((change) => ({ at: change.at.toISOString(), actor: change.actor, changes: change.changes })),
    });
  }

  const bySource: Record<string, number> = {};
  const byType: Record<string, number> = {};
  let total = 0;
  for await (const entry of store.items.stream({ from: start, to: due })) {
    total += 1;
    if (total > NEW_ITEMS_SCAN) break;
    bySource[entry.source] = (bySource[entry.source] ?? 0) + 1;
    const type = entry.source === 'survey' ? entry.response.kind : (entry.item.feedbackType ?? 'none');
    byType[type] = (byType[type] ?? 0) + 1;
  }

  const escalations = (await store.escalations.escalatedBetween(start, due, LIST_LIMIT)).map((entry): TeamUpdateEscalation => {
    const subject = subjectOf(entry);
    const change = subject.triage.history.findLast((entry) => entry.actor === 'escalation');
    const changes = (change?.changes ?? {}) as { owner?: string; escalatedTo?: string };
    return {
      id: subject._id,
      title: titleOf(entry),
      at: (change?.at ?? due).toISOString(),
      ...(changes.owner !== undefined && { from: changes.owner }),
      ...(changes.escalatedTo !== undefined && { to: changes.escalatedTo }),
    };
  });

  const failedAlerts: TeamUpdateFailedAlert[] = [];
  for (const owner of config.owners) {
    for (const alert of await store.alerts.failedBetween(owner.id, start, due, LIST_LIMIT)) {
      failedAlerts.push({
        id: alert._id,
        responseId: alert.responseId,
        ownerId: alert.ownerId,
        channel: alert.channel,
        failedAt: (alert.failedAt ?? alert.createdAt).toISOString(),
        ...(alert.lastError !== undefined && { lastError: alert.lastError }),
      });
    }
  }
  failedAlerts.sort((a, b) => b.failedAt.localeCompare(a.failedAt));

  return {
    name: settings.name,
    periodKey: digestPeriodKey(settings, due),
    timeZone: settings.timeZone,
    week: { start: start.toISOString(), end: due.toISOString() },
    pursued,
    morePursued,
    newItems: { total, bySource, byType },
    escalations,
    failedAlerts,
  };
}
