/**
 * Dashboards, read from the daily rollups (one document per day x survey x plan), so a report costs
 * O(days), never O(responses).
 *
 * The pipelines are a `$match` on the indexed `day` key and a plain inclusion `$project`, which every engine
 * runs alike; the counters are summed into periods here. FerretDB 1.24 lacks `$dateTrunc`, `$dateToString`,
 * `$cond` and `$facet`, and answers a `$group` with several accumulators wrongly, so grouping in the pipeline
 * would buy little (a few rollups per day: one per survey x plan) for results that differ by engine.
 * Days are UTC days, weeks are ISO weeks starting on Monday, a period is named by its first day. Ranges are
 * `[from, to)`: `to` is exclusive, as everywhere in the admin API.
 */
import { npsScore, type HeedConfig, type ReportQuery } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { Filter, Store } from '../store/store.ts';

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

export interface NpsReport {
  interval: Interval;
  from: string;
  to: string;
  /** Every period of the range, in order, empty ones included. */
  points: NpsPoint[];
  total: NpsTally;
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

/** NPS per period over the NPS surveys' rollups; default range: the trailing 12 ISO weeks, this one included. */
export async function npsReport({ store, clock }: Omit<ReportDeps, 'config'>, query: ReportQuery): Promise<NpsReport> {
  const { from, to } = resolveRange(query, clock(), (day) => addDays(startOfPeriod(day, 'week'), -7 * (DEFAULT_NPS_WEEKS - 1)));
  const points = periodsOf(from, to, query.interval).map((period) => ({ period, ...tally(emptyCounts()) }));
  const byPeriod = new Map(points.map((point) => [point.period, point]));

  const rollups = await store.collection('rollups').aggregate<DayCounts & { day: string }>([
    { $match: rollupFilter(query, from, to, { kind: 'nps' }) },
    { $project: { _id: 0, day: 1, responses: 1, promoters: 1, passives: 1, detractors: 1 } },
  ]);

  const total = emptyCounts();
  for (const rollup of rollups) {
    const point = byPeriod.get(startOfPeriod(rollup.day, query.interval));
    if (!point) continue;
    addCounts(point, rollup);
    addCounts(total, rollup);
  }
  for (const point of points) point.nps = npsScore(point);
  return { interval: query.interval, from, to, points, total: tally(total) };
}

/** Cancel and uninstall reasons per month, split by plan (`interval` does not apply); default range: the trailing 12 months. */
export async function reasonsReport({ store, config, clock }: ReportDeps, query: ReportQuery): Promise<ReasonsReport> {
  const { from, to } = resolveRange(query, clock(), (day) => addMonths(startOfPeriod(day, 'month'), -(DEFAULT_REASON_MONTHS - 1)));

  const rollups = await store.collection('rollups').aggregate<ReasonRollup>([
    { $match: rollupFilter(query, from, to, { kind: { $in: ['cancel', 'uninstall'] } }) },
    { $project: { _id: 0, day: 1, kind: 1, plan: 1, responses: 1, reasons: 1 } },
  ]);

  const rows = new Map<string, ReasonsMonth>();
  for (const rollup of rollups) {
    const month = rollup.day.slice(0, 7);
    const plan = planSegment(rollup.plan);
    const key = `${month}|${rollup.kind}|${plan}`;
    let row = rows.get(key);
    if (!row) {
      row = { month, kind: rollup.kind, plan, responses: 0, reasons: {} };
      rows.set(key, row);
    }
    row.responses += rollup.responses;
    for (const [reason, count] of Object.entries(rollup.reasons ?? {})) {
      if (count > 0) row.reasons[reason] = (row.reasons[reason] ?? 0) + count;
    }
  }
  const months = [...rows.keys()].sort().map((key) => rows.get(key) as ReasonsMonth);
  return { from, to, months, labels: reasonLabels(config, query) };
}

interface DayCounts {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

interface ReasonRollup {
  day: string;
  kind: ReasonKind;
  plan: string;
  responses: number;
  reasons?: Record<string, number>;
}

function rollupFilter(query: ReportQuery, from: string, to: string, extra: Filter): Filter {
  return {
    day: { $gte: from, $lt: to },
    ...extra,
    ...(query.survey === undefined ? {} : { surveyId: query.survey }),
    ...(query.productArea === undefined ? {} : { productArea: query.productArea }),
    ...(query.plan === undefined ? {} : { plan: query.plan }),
  };
}

function reasonLabels(config: HeedConfig, query: ReportQuery): ReasonsReport['labels'] {
  const labels: ReasonsReport['labels'] = { cancel: {}, uninstall: {} };
  for (const survey of config.surveys) {
    if (survey.kind === 'nps') continue;
    if (query.survey !== undefined && survey.id !== query.survey) continue;
    if (query.productArea !== undefined && survey.productArea !== query.productArea) continue;
    for (const reason of survey.reasons) labels[survey.kind][reason.id] ??= reason.label;
  }
  return labels;
}

function planSegment(plan: string): PlanSegment {
  return plan === 'saas' || plan === 'self-managed' ? plan : 'unknown';
}

function emptyCounts(): DayCounts {
  return { responses: 0, promoters: 0, passives: 0, detractors: 0 };
}

function addCounts(into: DayCounts, counts: DayCounts): void {
  into.responses += counts.responses;
  into.promoters += counts.promoters;
  into.passives += counts.passives;
  into.detractors += counts.detractors;
}

function tally(counts: DayCounts): NpsTally {
  return { ...counts, nps: npsScore(counts) };
}

/**
 * The query's `[from, to)`: `to` defaults to tomorrow (today included), `from` to `defaultFrom(last day)`.
 * Rejects an empty or reversed range.
 */
function resolveRange(query: ReportQuery, now: Date, defaultFrom: (lastDay: string) => string): { from: string; to: string } {
  const to = query.to ?? addDays(now.toISOString().slice(0, 10), 1);
  const from = query.from ?? defaultFrom(addDays(to, -1));
  if (from >= to) throw new errors.validation(`from: must be before to (${to}, exclusive), got ${from}`);
  return { from, to };
}

/** Start days of the periods that meet `[from, to)`, at most MAX_REPORT_POINTS of them. */
function periodsOf(from: string, to: string, interval: Interval): string[] {
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

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `months` after the first of a month (`YYYY-MM-01`). */
function addMonths(firstOfMonth: string, months: number): string {
  const date = new Date(`${firstOfMonth}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}
