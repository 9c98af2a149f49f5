/**
 * Dashboards, read from the store's day counters (a few rows per day x survey x plan, and per day x survey
 * for displays), so a report costs O(days), never O(responses). The counters are summed into periods here,
 * the same on every engine.
 * Days are UTC days, weeks are ISO weeks starting on Monday, a period is named by its first day. Ranges are
 * `[from, to)`: `to` is exclusive, as everywhere in the admin API.
 */
import { npsScore, type HeedConfig, type ReportQuery } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { DayCounts, ReportFilter, Store } from '../store/store.ts';
import { catalogOf } from './catalog.ts';

export interface ReportDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
}

export type Interval = ReportQuery['interval'];

export interface NpsTally {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** `null` when nobody answered in the period. */
  nps: number | null;
}

export interface NpsPoint extends NpsTally {
  /** First day of the period: the day, the ISO week's Monday or the month's first, `YYYY-MM-DD`. */
  period: string;
}

/** How many of the NPS prompts shown in the range were answered. */
export interface ResponseRate {
  shown: number;
  answered: number;
  /** `answered / shown`, `null` when nothing was shown. Answers given without a recorded display can make it exceed 1. */
  rate: number | null;
}

export interface NpsReport {
  interval: Interval;
  from: string;
  to: string;
  /** Every period of the range, in order, empty ones included. */
  points: NpsPoint[];
  total: NpsTally;
  /** Answers per score over the range: `scores[s]` answers gave `s` (0-10). */
  scores: number[];
  /**
   * Shown vs answered over the range, for the survey and product area asked; displays carry no plan, so a
   * plan filter does not narrow it.
   */
  responseRate: ResponseRate;
}

/** Plan segment of a rollup: responses without a plan in their context count as `unknown`. */
export type PlanSegment = 'saas' | 'self-managed' | 'unknown';
export type ReasonKind = 'cancel' | 'uninstall';

export interface ReasonsMonth {
  month: string;
  kind: ReasonKind;
  plan: PlanSegment;
  responses: number;
  /** Reason id -> how many responses gave it (an uninstall answer may give several). */
  reasons: Record<string, number>;
}

export interface ReasonsReport {
  from: string;
  to: string;
  /** One row per month x kind x plan that has responses, by month, kind, then plan. */
  months: ReasonsMonth[];
  /** Reason id -> label from the config, per kind. */
  labels: Record<ReasonKind, Record<string, string>>;
}

/** The most periods one report returns; a longer range needs a longer interval. */
export const MAX_REPORT_POINTS = 1000;
const DEFAULT_NPS_WEEKS = 12;
const DEFAULT_REASON_MONTHS = 12;
const DAY_MS = 24 * 3600 * 1000;

/** NPS per period over the NPS surveys' counters; default range: the trailing 12 ISO weeks, this one included. */
export async function npsReport({ store, config, clock }: ReportDeps, query: ReportQuery): Promise<NpsReport> {
  const { from, to } = resolveRange(query, clock(), (day) => addDays(startOfPeriod(day, 'week'), -7 * (DEFAULT_NPS_WEEKS - 1)));
  const points = periodsOf(from, to, query.interval).map((period) => ({ period, ...tally(emptyCounts()) }));
  const byPeriod = new Map(points.map((point) => [point.period, point]));

  // Every plan is read: the response rate needs all answers, since displays carry no plan.
  const { plan: _plan, ...allPlans } = reportFilter(query, from, to);
  const [days, displayDays] = await Promise.all([
    store.reports.days({ ...allPlans, kinds: ['nps'] }),
    store.reports.displayDays(allPlans),
  ]);

  const total = emptyCounts();
  const scores = Array.from({ length: 11 }, () => 0);
  let answered = 0;
  for (const counts of days) {
    answered += counts.responses;
    if (query.plan !== undefined && counts.plan !== query.plan) continue;
    const point = byPeriod.get(startOfPeriod(counts.day, query.interval));
    if (!point) continue;
    addCounts(point, counts);
    addCounts(total, counts);
    for (const [score, count] of Object.entries(counts.scores)) {
      const index = Number(score);
      if (Number.isInteger(index) && index >= 0 && index <= 10) scores[index] = (scores[index] ?? 0) + count;
    }
  }
  for (const point of points) point.nps = npsScore(point);

  const catalog = catalogOf(config);
  let shown = 0;
  for (const counts of displayDays) {
    if (catalog.findSurvey(counts.projectKey, counts.surveyId)?.kind === 'nps') shown += counts.shown;
  }
  return {
    interval: query.interval,
    from,
    to,
    points,
    total: tally(total),
    scores,
    responseRate: { shown, answered, rate: shown === 0 ? null : answered / shown },
  };
}

/** Cancel and uninstall reasons per month, split by plan (`interval` does not apply); default range: the trailing 12 months. */
export async function reasonsReport({ store, config, clock }: ReportDeps, query: ReportQuery): Promise<ReasonsReport> {
  const { from, to } = resolveRange(query, clock(), (day) => addMonths(startOfPeriod(day, 'month'), -(DEFAULT_REASON_MONTHS - 1)));
  const days = await store.reports.days({ ...reportFilter(query, from, to), kinds: ['cancel', 'uninstall'] });

  const rows = new Map<string, ReasonsMonth>();
  for (const counts of days) {
    if (counts.kind === 'nps' || counts.kind === 'csat') continue;
    const month = counts.day.slice(0, 7);
    const plan = planSegment(counts.plan);
    const key = `${month}|${counts.kind}|${plan}`;
    let row = rows.get(key);
    if (!row) {
      row = { month, kind: counts.kind, plan, responses: 0, reasons: {} };
      rows.set(key, row);
    }
    row.responses += counts.responses;
    for (const [reason, count] of Object.entries(counts.reasons)) {
      if (count > 0) row.reasons[reason] = (row.reasons[reason] ?? 0) + count;
    }
  }
  const months = [...rows.keys()].sort().map((key) => rows.get(key) as ReasonsMonth);
  return { from, to, months, labels: reasonLabels(config, query) };
}

type NpsCounts = Pick<DayCounts, 'responses' | 'promoters' | 'passives' | 'detractors'>;

export function reportFilter(query: ReportQuery, from: string, to: string): ReportFilter {
  return {
    from,
    to,
    ...(query.survey !== undefined && { surveyId: query.survey }),
    ...(query.productArea !== undefined && { productArea: query.productArea }),
    ...(query.plan !== undefined && { plan: query.plan }),
  };
}

function reasonLabels(config: HeedConfig, query: ReportQuery): ReasonsReport['labels'] {
  const labels: ReasonsReport['labels'] = { cancel: {}, uninstall: {} };
  for (const survey of config.surveys) {
    if (survey.kind === 'nps' || survey.kind === 'csat') continue;
    if (query.survey !== undefined && survey.id !== query.survey) continue;
    if (query.productArea !== undefined && survey.productArea !== query.productArea) continue;
    for (const reason of survey.reasons) labels[survey.kind][reason.id] ??= reason.label;
  }
  return labels;
}

function planSegment(plan: string): PlanSegment {
  return plan === 'saas' || plan === 'self-managed' ? plan : 'unknown';
}

function emptyCounts(): NpsCounts {
  return { responses: 0, promoters: 0, passives: 0, detractors: 0 };
}

function addCounts(into: NpsCounts, counts: NpsCounts): void {
  into.responses += counts.responses;
  into.promoters += counts.promoters;
  into.passives += counts.passives;
  into.detractors += counts.detractors;
}

function tally(counts: NpsCounts): NpsTally {
  return { ...counts, nps: npsScore(counts) };
}

/**
 * The query's `[from, to)`: `to` defaults to tomorrow (today included), `from` to `defaultFrom(last day)`.
 * Rejects an empty or reversed range.
 */
export function resolveRange(query: ReportQuery, now: Date, defaultFrom: (lastDay: string) => string): { from: string; to: string } {
  const to = query.to ?? addDays(now.toISOString().slice(0, 10), 1);
  const from = query.from ?? defaultFrom(addDays(to, -1));
  if (from >= to) throw new errors.validation(`from: must be before to (${to}, exclusive), got ${from}`);
  return { from, to };
}

/** Start days of the periods that meet `[from, to)`, at most MAX_REPORT_POINTS of them. */
export function periodsOf(from: string, to: string, interval: Interval): string[] {
  const periods: string[] = [];
  for (let period = startOfPeriod(from, interval); period < to; period = nextPeriod(period, interval)) {
    if (periods.length === MAX_REPORT_POINTS) {
      throw new errors.validation(
        `from ${from} to ${to} spans more than ${MAX_REPORT_POINTS} ${interval}s; narrow the range or use a longer interval`,
      );
    }
    periods.push(period);
  }
  return periods;
}

/** The first day of the day / ISO week (Monday) / month holding `day`. */
export function startOfPeriod(day: string, interval: Interval): string {
  if (interval === 'day') return day;
  if (interval === 'month') return `${day.slice(0, 7)}-01`;
  const mondayBased = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -mondayBased);
}

function nextPeriod(period: string, interval: Interval): string {
  if (interval === 'day') return addDays(period, 1);
  if (interval === 'week') return addDays(period, 7);
  return addMonths(period, 1);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `months` after the first of a month (`YYYY-MM-01`). */
function addMonths(firstOfMonth: string, months: number): string {
  const date = new Date(`${firstOfMonth}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}
