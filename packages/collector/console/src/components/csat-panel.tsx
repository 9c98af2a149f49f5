import type { Api } from '../api.ts';
import { formatCount, formatShare } from '../format.ts';
import type { CsatReport } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { useLoad } from '../use-load.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { CsatPeriodsTable } from './csat-periods-table.tsx';
import { CsatTrendChart } from './csat-trend-chart.tsx';
import { ErrorNote } from './error-note.tsx';

export interface CsatPanelProps {
  api: Api;
  catalog: Catalog;
  /** The overview's range, interval, product area and plan. */
  query: Record<string, string>;
  /** The CSAT survey chosen (`csat` in the URL), '' for all. */
  survey: string;
  onSurvey: (survey: string) => void;
}

/**
 * CSAT on the overview: the share of satisfied answers (4-5 of 5) with its 95% Wilson interval over the
 * range, the trend per period, and the 1-5 split. Shown once there are CSAT surveys or answers.
 */
export function CsatPanel({ api, catalog, query, survey, onSurvey }: CsatPanelProps) {
  const { survey: _npsSurvey, ...scope } = query;
  const csatQuery = { ...scope, ...(survey && { survey }) };
  const csat = useLoad(() => api.get<CsatReport>('/v1/reports/csat', csatQuery), [api, JSON.stringify(csatQuery)]);
  const surveys = catalog.surveys.filter((seen) => seen.kind === 'csat');
  const report = csat.data;
  if (!csat.error && surveys.length === 0 && !survey && !(report && report.total.responses > 0)) return null;

  const { total } = report ?? { total: undefined };
  return (
    <section aria-labelledby="csat-title">
      <div class="section-head">
        <h2 id="csat-title">CSAT trend</h2>
        <div class="filters">
          <ChoiceSelect label="CSAT survey" value={survey} choices={surveys.map((seen) => ({ value: seen.id, label: seen.id }))} onChange={onSurvey} />
        </div>
      </div>
      {csat.error && <ErrorNote error={csat.error} />}
      {csat.loading && !report && <p class="loading">Loading…</p>}
      {report && total && (
        <>
          <dl class="stats">
            <div class="stat">
              <dt>CSAT (satisfied, 4-5)</dt>
              <dd>
                <span class="big" data-testid="csat-total">
                  {total.csat === null ? 'n/a' : formatShare(total.csat)}
                </span>
                {total.interval && (
                  <span class="sub">
                    95% interval {formatShare(total.interval.low)} to {formatShare(total.interval.high)} (Wilson score)
                  </span>
                )}
              </dd>
            </div>
            <div class="stat">
              <dt>Responses</dt>
              <dd>
                <span class="big">{formatCount(total.responses)}</span>
                <span class="sub">{formatCount(total.satisfied)} satisfied</span>
              </dd>
            </div>
            {report.scores.map((count, index) => (
              <div class="stat" key={index}>
                <dt>Score {index + 1}</dt>
                <dd>
                  <span class="big">{formatCount(count)}</span>
                </dd>
              </div>
            ))}
          </dl>
          {total.responses === 0 ? <p class="empty">No CSAT answers in this range.</p> : <CsatTrendChart report={report} />}
          <CsatPeriodsTable report={report} />
        </>
      )}
    </section>
  );
}
