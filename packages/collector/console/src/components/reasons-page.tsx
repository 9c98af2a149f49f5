import type { Api } from '../api.ts';
import { formatMonth, monthStartBefore, trailingMonths } from '../dates.ts';
import { useSearch } from '../router.ts';
import type { PlanSegment, ReasonKind, ReasonsReport } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { useLoad } from '../use-load.ts';
import { SERIES_COLORS } from '../use-uplot.ts';
import { ErrorNote } from './error-note.tsx';
import { ExtensionVersions } from './extension-versions.tsx';
import { ReasonDetails } from './reason-details.tsx';
import { ReasonsPanel } from './reasons-panel.tsx';
import { ScopeFilters, scopeQuery } from './scope-filters.tsx';

export interface ReasonsPageProps {
  api: Api;
  catalog: Catalog;
  kind: ReasonKind;
}

const MONTHS = 6;
const PLANS: { plan: PlanSegment; label: string }[] = [
  { plan: 'saas', label: 'SaaS' },
  { plan: 'self-managed', label: 'Self-managed' },
  { plan: 'unknown', label: 'Plan unknown' },
];

export interface ReasonSeries {
  id: string;
  label: string;
  color: string;
}

/** Every reason of the report's kind, in the config's order, then ids the config no longer has; each with its colour. */
export function reasonSeries(report: Pick<ReasonsReport, 'labels'>, kind: ReasonKind, seen: Iterable<string>): ReasonSeries[] {
  const labels = report.labels[kind];
  const ids = [...new Set([...Object.keys(labels), ...seen])];
  return ids.map((id, index) => ({ id, label: labels[id] ?? id, color: `series-${(index % SERIES_COLORS) + 1}` }));
}

/**
 * Why customers leave: reasons by month for the trailing 6 months, SaaS and self-managed side by side on
 * one scale, then the last 4 weeks' answers in full (and, for uninstalls, reasons by extension version).
 */
export function ReasonsPage({ api, catalog, kind }: ReasonsPageProps) {
  const [params, change] = useSearch();
  const now = new Date();
  const from = monthStartBefore(now, MONTHS - 1);
  const query = { from, ...scopeQuery(params, false) };
  const report = useLoad(() => api.get<ReasonsReport>('/v1/reports/reasons', query), [api, JSON.stringify(query)]);
  const noun = kind === 'cancel' ? 'Cancel' : 'Uninstall';
  const months = trailingMonths(now, MONTHS);
  const rows = report.data?.months.filter((row) => row.kind === kind) ?? [];
  const reasons = report.data ? reasonSeries(report.data, kind, rows.flatMap((row) => Object.keys(row.reasons))) : [];
  const max = Math.max(1, ...rows.map((row) => Object.values(row.reasons).reduce((sum, n) => sum + n, 0)));
  // Cancels always compare SaaS with self-managed; extensions rarely know a plan, so uninstalls show the plans they have.
  const plans = PLANS.filter(({ plan }) => (kind === 'cancel' && plan !== 'unknown') || rows.some((row) => row.plan === plan));

  return (
    <>
      <section aria-labelledby="reasons-title">
        <div class="section-head">
          <h2 id="reasons-title">{noun} reasons by month</h2>
          <div class="filters">
            <ScopeFilters params={params} change={change} catalog={catalog} kind={kind} plan={false} />
          </div>
        </div>
        <p class="hint">
          The trailing {MONTHS} months, {formatMonth(months[0]!, true)} to {formatMonth(months.at(-1)!, true)}; the current month so far.
        </p>
        {report.error && <ErrorNote error={report.error} />}
        {report.loading && !report.data && <p class="loading">Loading…</p>}
        {report.data && plans.length === 0 && <p class="empty">No {kind} answers in these months.</p>}
        {report.data && plans.length > 0 && (
          <div class="side-by-side">
            {plans.map(({ plan, label }) => {
              const byMonth = months.map((month) => rows.find((row) => row.month === month && row.plan === plan));
              return (
                <ReasonsPanel
                  key={plan}
                  title={label}
                  categoryName="Month"
                  categories={months.map((month) => formatMonth(month, month.endsWith('-01') || month === months[0]))}
                  reasons={reasons}
                  counts={byMonth.map((row) => row?.reasons ?? {})}
                  answers={byMonth.map((row) => row?.responses ?? 0)}
                  max={max}
                />
              );
            })}
          </div>
        )}
      </section>
      {kind === 'uninstall' && report.data && <ExtensionVersions api={api} from={from} scope={scopeQuery(params, false)} reasons={reasons} />}
      <ReasonDetails api={api} catalog={catalog} kind={kind} scope={scopeQuery(params, false)} />
    </>
  );
}
