import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { daysBefore } from '../dates.ts';
import type { NpsReport, ReasonKind, ReasonsReport } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import { NpsChart } from './nps-chart.tsx';
import { ReasonsByMonth } from './reasons-by-month.tsx';
import { PlanSelect, type PlanFilter } from './plan-select.tsx';

type Interval = NpsReport['interval'];

export interface OverviewPageProps {
  api: Api;
}

/** The seed dashboards: the NPS trend, and cancel / uninstall reasons by month for SaaS vs self-managed. */
export function OverviewPage({ api }: OverviewPageProps) {
  const [interval, setInterval] = useState<Interval>('week');
  const [weeks, setWeeks] = useState(12);
  const [plan, setPlan] = useState<PlanFilter>('');
  const [kind, setKind] = useState<ReasonKind>('cancel');

  const from = daysBefore(new Date(), 7 * (weeks - 1));
  const nps = useLoad(() => api.get<NpsReport>('/v1/reports/nps', { interval, from, plan }), [api, interval, from, plan]);
  const reasons = useLoad(() => api.get<ReasonsReport>('/v1/reports/reasons'), [api]);

  return (
    <>
      <section aria-labelledby="nps-title">
        <div class="section-head">
          <h2 id="nps-title">NPS trend</h2>
          <div class="filters">
            <label>
              Range
              <select value={weeks} onChange={(e) => setWeeks(Number(e.currentTarget.value))}>
                <option value={12}>12 weeks</option>
                <option value={26}>26 weeks</option>
                <option value={52}>52 weeks</option>
              </select>
            </label>
            <label>
              By
              <select value={interval} onChange={(e) => setInterval(e.currentTarget.value as Interval)}>
                <option value="day">day</option>
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
            </label>
            <PlanSelect value={plan} onChange={setPlan} />
          </div>
        </div>
        {nps.error && <ErrorNote error={nps.error} />}
        {nps.data && <NpsChart report={nps.data} />}
      </section>

      <section aria-labelledby="reasons-title">
        <div class="section-head">
          <h2 id="reasons-title">{kind === 'cancel' ? 'Cancel' : 'Uninstall'} reasons by month</h2>
          <div class="filters">
            <label>
              Survey kind
              <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ReasonKind)}>
                <option value="cancel">cancel</option>
                <option value="uninstall">uninstall</option>
              </select>
            </label>
          </div>
        </div>
        {reasons.error && <ErrorNote error={reasons.error} />}
        {reasons.data && <ReasonsByMonth report={reasons.data} kind={kind} />}
      </section>
    </>
  );
}
