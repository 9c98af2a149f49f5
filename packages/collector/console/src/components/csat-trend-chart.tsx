import { formatShare } from '../format.ts';
import type { CsatReport } from '../types.ts';
import { IntervalTrendChart } from './interval-trend-chart.tsx';

export interface CsatTrendChartProps {
  report: CsatReport;
  height?: number;
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? null : value * 100);

/** CSAT (the share of 4-5 answers, in %) per period with its 95% Wilson interval, over the response counts. */
export function CsatTrendChart({ report, height = 240 }: CsatTrendChartProps) {
  const { points } = report;
  return (
    <IntervalTrendChart
      report={report}
      height={height}
      name="CSAT"
      lineKey="CSAT (share of 4-5)"
      intervalMethod="Wilson score"
      values={points.map((point) => percent(point.csat))}
      lows={points.map((point) => percent(point.interval?.low))}
      highs={points.map((point) => percent(point.interval?.high))}
      axis={{ label: 'CSAT (4-5)', range: [-4, 104], splits: () => [0, 25, 50, 75, 100], format: (value) => `${value}%` }}
      describe={(index) => {
        const point = points[index]!;
        if (point.csat === null) return undefined;
        return `CSAT ${formatShare(point.csat)}${point.interval ? ` (95% interval ${formatShare(point.interval.low)} to ${formatShare(point.interval.high)})` : ''}`;
      }}
      legendTestId="csat-legend"
    />
  );
}
