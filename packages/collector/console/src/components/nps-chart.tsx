import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatPeriod } from '../dates.ts';
import type { NpsReport } from '../types.ts';

export interface NpsChartProps {
  report: NpsReport;
  height?: number;
}

/**
 * NPS per period as a line (gaps where nobody answered) over the response counts as bars, on two scales.
 * Periods are UTC dates, so the axis reads in UTC. The numbers are also in the table below it.
 */
export function NpsChart({ report, height = 280 }: NpsChartProps) {
  const plot = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = plot.current;
    if (!element) return;
    const xs = report.points.map((point) => Date.parse(`${point.period}T00:00:00Z`) / 1000);
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 320),
        height,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true }, nps: { auto: false, range: [-100, 100] }, responses: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.2] } },
        series: [
          {},
          { label: 'Responses', scale: 'responses', fill: 'rgba(120, 130, 150, 0.25)', stroke: 'rgba(120, 130, 150, 0.6)', paths: uPlot.paths.bars?.({ size: [0.6, 48] }) },
          { label: 'NPS', scale: 'nps', stroke: '#2563eb', width: 2, points: { show: true, size: 6 }, spanGaps: false },
        ],
        axes: [{}, { scale: 'nps', label: 'NPS' }, { scale: 'responses', side: 1, label: 'Responses', grid: { show: false } }],
      },
      [xs, report.points.map((point) => point.responses), report.points.map((point) => point.nps)],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 320), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [report, height]);

  const { total } = report;
  return (
    <figure class="chart">
      <div ref={plot} aria-hidden="true" />
      <figcaption>
        Overall NPS {total.nps ?? 'n/a'} from {total.responses} responses ({total.promoters} promoters, {total.passives} passives,{' '}
        {total.detractors} detractors), {formatPeriod(report.from)} to {formatPeriod(report.to)} (exclusive).
      </figcaption>
      <table class="numbers">
        <thead>
          <tr>
            <th scope="col">{report.interval === 'day' ? 'Day' : report.interval === 'week' ? 'Week of' : 'Month'}</th>
            <th scope="col">NPS</th>
            <th scope="col">Responses</th>
            <th scope="col">Promoters</th>
            <th scope="col">Passives</th>
            <th scope="col">Detractors</th>
          </tr>
        </thead>
        <tbody>
          {report.points.map((point) => (
            <tr key={point.period}>
              <th scope="row">{formatPeriod(report.interval === 'month' ? point.period.slice(0, 7) : point.period)}</th>
              <td>{point.nps ?? '–'}</td>
              <td>{point.responses}</td>
              <td>{point.promoters}</td>
              <td>{point.passives}</td>
              <td>{point.detractors}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
