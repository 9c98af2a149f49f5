import { formatCount, formatNps } from '../format.ts';
import { npsInterval } from '../nps-interval.ts';
import type { NpsReport } from '../types.ts';
import { periodName } from './interval-trend-chart.tsx';

export interface NpsPeriodsTableProps {
  report: NpsReport;
}

/** The trend's numbers, newest first, for the periods that had answers (none: no table). */
export function NpsPeriodsTable({ report }: NpsPeriodsTableProps) {
  const rows = report.points.filter((point) => point.responses > 0).reverse();
  if (rows.length === 0) return null;
  return (
    <details class="periods">
      <summary>Numbers per {report.interval}</summary>
      <div class="scroll" role="region" aria-label={`NPS per ${report.interval}`} tabIndex={0}>
        <table class="numbers">
          <thead>
            <tr>
              <th scope="col">{report.interval === 'week' ? 'ISO week' : report.interval === 'day' ? 'Day' : 'Month'}</th>
              <th scope="col">NPS</th>
              <th scope="col">95% interval</th>
              <th scope="col">Responses</th>
              <th scope="col">Promoters</th>
              <th scope="col">Passives</th>
              <th scope="col">Detractors</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((point) => {
              const ci = npsInterval(point);
              return (
                <tr key={point.period}>
                  <th scope="row">{periodName(point, report.interval)}</th>
                  <td>{formatNps(point.nps)}</td>
                  <td>{ci ? `${formatNps(ci.low)} to ${formatNps(ci.high)}` : '–'}</td>
                  <td>{formatCount(point.responses)}</td>
                  <td>{formatCount(point.promoters)}</td>
                  <td>{formatCount(point.passives)}</td>
                  <td>{formatCount(point.detractors)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
