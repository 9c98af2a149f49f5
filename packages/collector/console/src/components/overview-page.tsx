import type { Api } from '../api.ts';
import { daysBefore } from '../dates.ts';
import { useSearch } from '../router.ts';
import type { NpsReport } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { useLoad } from '../use-load.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { CsatPanel } from './csat-panel.tsx';
import { ErrorNote } from './error-note.tsx';
import { NpsPeriodsTable } from './nps-periods-table.tsx';
import { NpsSummary } from './nps-summary.tsx';
import { NpsTrendChart } from './nps-trend-chart.tsx';
import { ScopeFilters, scopeQuery } from './scope-filters.tsx';
import { ScoreDistribution } from './score-distribution.tsx';

type Interval = NpsReport['interval'];

export interface OverviewPageProps {
  api: Api;
  catalog: Catalog;
}

const RANGES = [
  { value: '12', label: '12 weeks' },
  { value: '26', label: '26 weeks' },
  { value: '52', label: '52 weeks' },
];
const INTERVALS = [
  { value: 'week', label: 'ISO week' },
  { value: 'day', label: 'day' },
  { value: 'month', label: 'month' },
];

/** The first day a range of `weeks` asks for: whole periods, so the first one is not cut. */
function rangeStart(weeks: number, interval: Interval): string {
  const from = daysBefore(new Date(), 7 * (weeks - 1));
  if (interval === 'month') return `${from.slice(0, 7)}-01`;
  if (interval === 'day') return from;
  const monday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  return daysBefore(new Date(`${from}T12:00:00Z`), monday);
}

/** NPS at a glance: is it moving, beyond the noise? How many answered, and how they split. */
export function OverviewPage({ api, catalog }: OverviewPageProps) {
  const [params, change] = useSearch();
  const weeks = Number(params.get('weeks') ?? '12') || 12;
  const interval = (INTERVALS.some((option) => option.value === params.get('interval')) ? params.get('interval') : 'week') as Interval;
  const query = { interval, from: rangeStart(weeks, interval), ...scopeQuery(params) };
  const nps = useLoad(() => api.get<NpsReport>('/v1/reports/nps', query), [api, JSON.stringify(query)]);
  const report = nps.data;

  return (
    <>
      <section aria-labelledby="nps-title">
        <div class="section-head">
          <h2 id="nps-title">NPS trend</h2>
          <div class="filters">
            <ChoiceSelect label="Range" value={params.get('weeks') ?? ''} anyLabel="12 weeks" choices={RANGES.slice(1)} onChange={(value) => change({ weeks: value })} />
            <ChoiceSelect label="By" value={params.get('interval') ?? ''} anyLabel="ISO week" choices={INTERVALS.slice(1)} onChange={(value) => change({ interval: value })} />
            <ScopeFilters params={params} change={change} catalog={catalog} kind="nps" />
          </div>
        </div>
        {nps.error && <ErrorNote error={nps.error} />}
        {nps.loading && !report && <p class="loading">Loading…</p>}
        {report && (
          <>
            <NpsSummary report={report} />
            {report.total.responses === 0 ? <p class="empty">No NPS answers in this range.</p> : <NpsTrendChart report={report} />}
            <NpsPeriodsTable report={report} />
          </>
        )}
      </section>
      {report && report.total.responses > 0 && (
        <section aria-labelledby="distribution-title">
          <h2 id="distribution-title">Scores 0 to 10</h2>
          <ScoreDistribution distribution={Object.fromEntries(report.scores.map((count, score) => [String(score), count]))} />
        </section>
      )}
      <CsatPanel api={api} catalog={catalog} query={query} survey={params.get('csat') ?? ''} onSurvey={(value) => change({ csat: value })} />
    </>
  );
}
