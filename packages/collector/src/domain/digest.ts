/**
 * The weekly digest of one owner, as plain data: the week's NPS beside the prior week's, response and comment
 * counts, the top cancel and uninstall reasons, the newest comments and how many triage items are still
 * open.
 *
 * Whose responses. Triage items are the owner's: assigned to them in triage, or routed to them and not
 * assigned to anyone else. The week's numbers cover the owner's part of the product too: every response in
 * the scope of a route naming the owner (its productArea, surveyId, kind and plan conditions). Counting only
 * routed responses would give an NPS of detractors and commenters, since promoters without a comment are
 * never routed.
 *
 * It counts the owner's new items from the intake paths by source (digest-intake.ts).
 *
 * The digest also lists the owner's alerts that were given up (`failed`) during the week, so an outage of
 * one of their channels does not go unnoticed.
 *
 * A week ends at a due instant of the digest schedule and starts at the one before (see digest-schedule.ts),
 * so consecutive digests tile time exactly, daylight-saving weeks included.
 */
import { npsScore, type Channel, type HeedConfig, type NpsCategory, type Plan, type SurveyKind, type TriageStatus } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { ResponseCriteria, ResponseFilter, ResponseTally, Store } from '../store/store.ts';
import { catalogOf } from './catalog.ts';
import { digestIntake, type DigestIntake } from './digest-intake.ts';
import { digestPeriodKey, digestSettings, nextDigestAt, previousDigestAt } from './digest-schedule.ts';

export interface DigestDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
}

export interface DigestWeek {
  /** ISO instants, `[start, end)`. */
  start: string;
  end: string;
  responses: number;
  comments: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** `null` when no NPS answer came in. */
  nps: number | null;
}

export interface DigestReason {
  id: string;
  label: string;
  count: number;
}

export interface DigestComment {
  id: string;
  surveyId: string;
  kind: SurveyKind;
  score?: number;
  category?: NpsCategory;
  plan?: Plan;
  comment: string;
  receivedAt: string;
  status: TriageStatus;
}

/** An alert to the owner that was given up during the week. */
export interface DigestFailedAlert {
  id: string;
  responseId: string;
  channel: Channel;
  attempts: number;
  /** ISO instant it was given up. */
  failedAt: string;
  lastError?: string;
}

export interface Digest {
  owner: { id: string; name: string };
  /** The local date the digest is due, `YYYY-MM-DD`: names the period. */
  periodKey: string;
  timeZone: string;
  week: DigestWeek;
  priorWeek: DigestWeek;
  topReasons: { cancel: DigestReason[]; uninstall: DigestReason[] };
  /** The week's newest comments, newest first. */
  comments: DigestComment[];
  /** The owner's items from the intake paths that happened during the week, by source. */
  intake?: DigestIntake;
  /** The owner's triage items still `new` or `acknowledged`, whenever they came in. */
  openTriage: number;
  /** The owner's alerts given up during the week, newest first (at most `DIGEST_FAILED_ALERTS`). */
  failedAlerts: DigestFailedAlert[];
  /** The console, when the config names the collector's public URL. */
  consoleUrl?: string;
}

export const DIGEST_COMMENTS = 5;
export const DIGEST_TOP_REASONS = 5;
export const DIGEST_FAILED_ALERTS = 20;

/**
 * The digest of `ownerId` for the week ending at `periodEnd` (a due instant; default: the next one, so a
 * preview shows the week so far). Throws `HEED_ERR_NOT_FOUND` for an owner the config does not name.
 */
export async function buildDigest({ store, config, clock }: DigestDeps, ownerId: string, periodEnd?: Date): Promise<Digest> {
  const catalog = catalogOf(config);
  const owner = catalog.owner(ownerId);
  if (!owner) throw new errors.notFound(`owner "${ownerId}"`);
  const settings = digestSettings(config);
  const end = periodEnd ?? nextDigestAt(settings, clock());
  const start = previousDigestAt(settings, new Date(end.getTime() - 1));
  const priorStart = previousDigestAt(settings, new Date(start.getTime() - 1));

  const ours: ResponseFilter = { anyOf: [{ owner: ownerId }, ...routeScopes(config, ownerId)] };
  const [week, priorWeek, comments, openTriage, failed, intake] = await Promise.all([
    store.responses.tally({ ...ours, from: start, to: end }),
    store.responses.tally({ ...ours, from: priorStart, to: start }),
    store.responses.page({ ...ours, from: start, to: end, hasComment: true }, DIGEST_COMMENTS),
    store.responses.count({ owner: ownerId, status: ['new', 'acknowledged'] }),
    store.alerts.failedBetween(ownerId, start, end, DIGEST_FAILED_ALERTS),
    digestIntake(store, ownerId, start, end),
  ]);

  return {
    owner: { id: owner.id, name: owner.name },
    periodKey: digestPeriodKey(settings, end),
    timeZone: settings.timeZone,
    week: weekOf(week, start, end),
    priorWeek: weekOf(priorWeek, priorStart, start),
    topReasons: {
      cancel: topReasons(week.reasons.cancel, catalog.reasonLabels('cancel')),
      uninstall: topReasons(week.reasons.uninstall, catalog.reasonLabels('uninstall')),
    },
    comments: comments.map((doc) => ({
      id: doc._id,
      surveyId: doc.surveyId,
      kind: doc.kind,
      ...(doc.answers.score === undefined ? {} : { score: doc.answers.score }),
      ...(doc.category === undefined ? {} : { category: doc.category }),
      ...(doc.plan === undefined ? {} : { plan: doc.plan }),
      comment: doc.answers.comment ?? '',
      receivedAt: doc.receivedAt.toISOString(),
      status: doc.triage.status,
    })),
    intake,
    openTriage,
    failedAlerts: failed.map((alert) => ({
      id: alert._id,
      responseId: alert.responseId,
      channel: alert.channel,
      attempts: alert.attempts,
      failedAt: (alert.failedAt ?? alert.nextAttemptAt).toISOString(),
      ...(alert.lastError !== undefined && { lastError: alert.lastError }),
    })),
    ...(config.publicUrl ? { consoleUrl: `${config.publicUrl.replace(/\/+$/, '')}/console` } : {}),
  };
}

const SCOPE_FIELDS = ['productArea', 'surveyId', 'kind', 'plan'] as const;

/** The parts of the product the owner's routes name (keyword-only routes name none). */
function routeScopes(config: HeedConfig, ownerId: string): ResponseCriteria[] {
  return config.routes
    .filter((route) => route.owner === ownerId)
    .map(({ when }) => Object.fromEntries(SCOPE_FIELDS.flatMap((field) => (when[field] === undefined ? [] : [[field, when[field]]]))) as ResponseCriteria)
    .filter((scope) => Object.keys(scope).length > 0);
}

function weekOf(tally: ResponseTally, start: Date, end: Date): DigestWeek {
  const { responses, comments, promoters, passives, detractors } = tally;
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    responses,
    comments,
    promoters,
    passives,
    detractors,
    nps: npsScore({ promoters, passives, detractors }),
  };
}

/** The most given reasons, labelled from the config (the id when no survey of the kind names it any more). */
function topReasons(counts: Record<string, number>, labels: ReadonlyMap<string, string>): DigestReason[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([id, count]) => ({ id, label: labels.get(id) ?? id, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, DIGEST_TOP_REASONS);
}
