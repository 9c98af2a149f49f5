import { formatPeriod } from '../dates.ts';
import type { PlanSegment, ReasonKind, ReasonsMonth, ReasonsReport } from '../types.ts';

const PLANS: { plan: PlanSegment; label: string }[] = [
  { plan: 'saas', label: 'SaaS' },
  { plan: 'self-managed', label: 'Self-managed' },
  { plan: 'unknown', label: 'Plan unknown' },
];

export interface ReasonsByMonthProps {
  report: ReasonsReport;
  kind: ReasonKind;
}

/** One table per plan, side by side: months down, reasons across, each cell a count and its share. */
export function ReasonsByMonth({ report, kind }: ReasonsByMonthProps) {
  const rows = report.months.filter((row) => row.kind === kind);
  if (rows.length === 0) return <p class="empty">No {kind} answers in this period.</p>;
  const labels = report.labels[kind];
  const reasonIds = [...new Set([...Object.keys(labels), ...rows.flatMap((row) => Object.keys(row.reasons))])];
  const months = [...new Set(rows.map((row) => row.month))].sort().reverse();

  return (
    <div class="side-by-side">
      {PLANS.filter(({ plan }) => plan !== 'unknown' || rows.some((row) => row.plan === 'unknown')).map(({ plan, label }) => (
        <table key={plan} class="numbers">
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Answers</th>
              {reasonIds.map((id) => (
                <th scope="col" key={id}>
                  {labels[id] ?? id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month) => {
              const row: ReasonsMonth | undefined = rows.find((candidate) => candidate.month === month && candidate.plan === plan);
              return (
                <tr key={month}>
                  <th scope="row">{formatPeriod(month)}</th>
                  <td>{row?.responses ?? 0}</td>
                  {reasonIds.map((id) => (
                    <td key={id}>{cell(row, id)}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}

function cell(row: ReasonsMonth | undefined, id: string): string {
  const count = row?.reasons[id] ?? 0;
  if (!row || count === 0 || row.responses === 0) return String(count);
  return `${count} (${Math.round((count / row.responses) * 100)}%)`;
}
