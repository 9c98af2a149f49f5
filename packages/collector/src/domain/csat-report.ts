/**
 * The CSAT report: per period, how many answered, how many were satisfied (4 or 5 of 5), that share and
 * its 95% Wilson score interval, read from the same day counters as the NPS report (a CSAT answer's score
 * is counted in `scores`), so it costs O(days), never O(responses).
 */
import { csatInterval, csatScore, type CsatInterval, type ReportQuery } from '@heed/shared';
import type { DayCounts } from '../store/store.ts';
import { addDays, periodsOf, reportFilter, resolveRange, startOfPeriod, type Interval, type ReportDeps } from './reports.ts';

export interface CsatTally {
  responses: number;
  /** Answers of 4 or 5. */
  satisfied: number;
  /** `satisfied / responses`, 0-1; `null` when nobody answered in the period. */
  csat: number | null;
  /** The 95% Wilson score interval of `csat`; `null` when nobody answered. */
  interval: CsatInterval | null;
}

export interface CsatPoint extends CsatTally {
  /** First day of the period: the day, the ISO week's Monday or the month's first, `YYYY-MM-DD`. */
  period: string;
}

export interface CsatReport {
  interval: Interval;
  from: string;
  to: string;
  /** Every period of the range, in order, empty ones included. */
  points: CsatPoint[];
  total: CsatTally;
  /** Answers per score over the range: `scores[s - 1]` answers gave `s` (1-5). */
  scores: number[];
}

const DEFAULT_CSAT_WEEKS = 12;

/** CSAT per period over the CSAT surveys' counters; default range: the trailing 12 ISO weeks, this one included. */
export async function csatReport({ store, clock }: ReportDeps, query: ReportQuery): Promise<CsatReport> {
  const { from, to } = resolveRange(query, clock(), (day) => addDays(startOfPeriod(day, 'week'), -7 * (DEFAULT_CSAT_WEEKS - 1)));
  const counts = periodsOf(from, to, query.interval).map((period) => ({ period, responses: 0, satisfied: 0 }));
  const byPeriod = new Map(counts.map((point) => [point.period, point]));
  const days = await store.reports.days({ ...reportFilter(query, from, to), kinds: ['csat'] });

  const total = { responses: 0, satisfied: 0 };
  const scores = [0, 0, 0, 0, 0];
  for (const day of days) {
    const point = byPeriod.get(startOfPeriod(day.day, query.interval));
    if (!point) continue;
    const satisfied = satisfiedOf(day);
    point.responses += day.responses;
    point.satisfied += satisfied;
    total.responses += day.responses;
    total.satisfied += satisfied;
    for (const [score, count] of Object.entries(day.scores)) {
      const index = Number(score) - 1;
      if (Number.isInteger(index) && index >= 0 && index < 5) scores[index] = (scores[index] ?? 0) + count;
    }
  }
  return {
    interval: query.interval,
    from,
    to,
    points: counts.map((point) => ({ period: point.period, ...tally(point) })),
    total: tally(total),
    scores,
  };
}

/** Answers of 4 and 5 in a day's counters. */
function satisfiedOf(day: Pick<DayCounts, 'scores'>): number {
  return (day.scores['4'] ?? 0) + (day.scores['5'] ?? 0);
}

function tally(counts: { responses: number; satisfied: number }): CsatTally {
  return { responses: counts.responses, satisfied: counts.satisfied, csat: csatScore(counts), interval: csatInterval(counts) };
}
