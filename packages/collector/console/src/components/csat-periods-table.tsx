import { formatCount, formatShare } from '../format.ts';
import type { CsatReport } from '../types.ts';
import { periodName } from './interval-trend-chart.tsx';

export interface CsatPeriodsTableProps {
  report: CsatReport;
}

/** The CSAT trend's numbers, newest first, for the periods that had answers (none: no table). */
export function CsatPeriodsTable({ report }: CsatPeriodsTableProps) {
  const rows = report.points.filter((point) => point.responses > 0).reverse();
  if (rows.length === 0) return null;
  return (
    <details class="periods">
      <summary>CSAT numbers per {report.interval}</summary>
      <div class="scroll" role="region" aria-label={`CSAT per ${report.interval}`} tabIndex={0}>
        <table class="numbers">
          <thead>
            <tr>
              <th scope="col">{report.interval === 'week' ? 'ISO week' : report.interval === 'day' ? 'Day' : 'Month'}</th>
              <th scope="col">CSAT</th>
              <th scope="col">95% interval (Wilson)</th>
              <th scope="col">Responses</th>
              <th scope="col">Satisfied (4-5)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((point) => (
              <tr key={point.period}>
                <th scope="row">{periodName(point, report.interval)}</th>
                <td>{point.csat === null ? '–' : formatShare(point.csat)}</td>
                <td>{point.interval ? `${formatShare(point.interval.low)} to ${formatShare(point.interval.high)}` : '–'}</td>
                <td>{formatCount(point.responses)}</td>
                <td>{formatCount(point.satisfied)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
