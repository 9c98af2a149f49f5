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
 * A week ends at a due instant of the digest schedule and starts at the one before (see digest-schedule.ts),
 * so consecutive digests tile time exactly, daylight-saving weeks included.
 */
import { npsScore, type HeedConfig, type NpsCategory, type Plan, type SurveyKind, type TriageStatus } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { Filter, Store } from '../store/store.ts';
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
  /** The owner's triage items still `new` or `acknowledged`, whenever they came in. */
  openTriage: number;
  /** The console, when the config names the collector's public URL. */
  consoleUrl?: string;
}

export const DIGEST_COMMENTS = 5;
export const DIGEST_TOP_REASONS = 5;

/**
 * The digest of `ownerId` for the week ending at `periodEnd` (a due instant; default: the next one, so a
 * preview shows the week so far). Throws `HEED_ERR_NOT_FOUND` for an owner the config does not name.
 */
export async function buildDigest({ store, config, clock }: DigestDeps, ownerId: string, periodEnd?: Date): Promise<Digest> {
  const owner = config.owners.find((candidate) => candidate.id === ownerId);
  if (!owner) throw new errors.notFound(`owner "${ownerId}"`);
  const settings = digestSettings(config);
  const end = periodEnd ?? nextDigestAt(settings, clock());
  const start = previousDigestAt(settings, new Date(end.getTime() - 1));
  const priorStart = previousDigestAt(settings, new Date(start.getTime() - 1));

  const owned = ownedBy(ownerId);
  const ours: Filter = { $or: [...owned.$or, ...routeScopes(config, ownerId)] };
  const [week, priorWeek, comments, openTriage] = await Promise.all([
    weekFacts(store, ours, start, end),
    weekFacts(store, ours, priorStart, start),
    store.collection('responses').find(
      { ...ours, receivedAt: { $gte: start, $lt: end }, hasComment: true },
      { sort: { receivedAt: -1, _id: -1 }, limit: DIGEST_COMMENTS },
    ),
    store.collection('responses').count({ ...owned, 'triage.status': { $in: ['new', 'acknowledged'] satisfies TriageStatus[] } }),
  ]);

  return {
    owner: { id: owner.id, name: owner.name },
    periodKey: digestPeriodKey(settings, end),
    timeZone: settings.timeZone,
    week: week.counts,
    priorWeek: priorWeek.counts,
    topReasons: {
      cancel: topReasons(week.reasons.cancel, 'cancel', config),
      uninstall: topReasons(week.reasons.uninstall, 'uninstall', config),
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
    openTriage,
    ...(config.publicUrl ? { consoleUrl: `${config.publicUrl.replace(/\/+$/, '')}/console` } : {}),
  };
}

/** Triage items of the owner: assigned to them, or routed to them and assigned to nobody else. */
function ownedBy(ownerId: string): { $or: Filter[] } {
  return { $or: [{ 'triage.owner': ownerId }, { 'routing.owner': ownerId, 'triage.owner': { $exists: false } }] };
}

const SCOPE_FIELDS = ['productArea', 'surveyId', 'kind', 'plan'] as const;

/** The response filters of the owner's routes that name a part of the product (keyword-only routes do not). */
function routeScopes(config: HeedConfig, ownerId: string): Filter[] {
  return config.routes
    .filter((route) => route.owner === ownerId)
    .map(({ when }) => Object.fromEntries(SCOPE_FIELDS.flatMap((field) => (when[field] === undefined ? [] : [[field, when[field]]]))))
    .filter((scope) => Object.keys(scope).length > 0);
}

/** What a week's responses hold, tallied from their few routing-relevant fields. */
interface WeekFacts {
  counts: DigestWeek;
  /** Reason id -> how many responses gave it, per kind. */
  reasons: { cancel: Map<string, number>; uninstall: Map<string, number> };
}

interface ResponseFacts {
  kind: SurveyKind;
  category?: NpsCategory;
  hasComment: boolean;
  answers?: { reason?: string; reasons?: string[] };
}

async function weekFacts(store: Store, owned: Filter, start: Date, end: Date): Promise<WeekFacts> {
  const docs = await store.collection('responses').aggregate<ResponseFacts>([
    { $match: { ...owned, receivedAt: { $gte: start, $lt: end } } },
    { $project: { _id: 0, kind: 1, category: 1, hasComment: 1, 'answers.reason': 1, 'answers.reasons': 1 } },
  ]);
  const counts: DigestWeek = {
    start: start.toISOString(),
    end: end.toISOString(),
    responses: docs.length,
    comments: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
    nps: null,
  };
  const reasons: WeekFacts['reasons'] = { cancel: new Map(), uninstall: new Map() };
  for (const doc of docs) {
    if (doc.hasComment) counts.comments += 1;
    if (doc.category === 'promoter') counts.promoters += 1;
    else if (doc.category === 'passive') counts.passives += 1;
    else if (doc.category === 'detractor') counts.detractors += 1;
    if (doc.kind === 'nps') continue;
    const given = [...(doc.answers?.reason ? [doc.answers.reason] : []), ...(doc.answers?.reasons ?? [])];
    for (const reason of new Set(given)) reasons[doc.kind].set(reason, (reasons[doc.kind].get(reason) ?? 0) + 1);
  }
  counts.nps = npsScore(counts);
  return { counts, reasons };
}

/** The most given reasons, labelled from the config (the id when no survey of the kind names it any more). */
function topReasons(counts: Map<string, number>, kind: 'cancel' | 'uninstall', config: HeedConfig): DigestReason[] {
  const labels = new Map<string, string>();
  for (const survey of config.surveys) {
    if (survey.kind !== kind) continue;
    for (const reason of survey.reasons) if (!labels.has(reason.id)) labels.set(reason.id, reason.label);
  }
  return [...counts]
    .map(([id, count]) => ({ id, label: labels.get(id) ?? id, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, DIGEST_TOP_REASONS);
}
