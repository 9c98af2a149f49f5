import { formatNps } from '../format.ts';
import { npsInterval, NPS_INTERVAL_METHOD } from '../nps-interval.ts';
import type { NpsReport } from '../types.ts';
import { IntervalTrendChart } from './interval-trend-chart.tsx';

export interface NpsTrendChartProps {
  report: NpsReport;
  height?: number;
}

/** The NPS axis: the data's 95% intervals, widened to multiples of 25 and kept within -100..100, with air around. */
export function npsRange(lows: number[], highs: number[]): [number, number] {
  const low = lows.length === 0 ? -25 : Math.max(-100, Math.floor(Math.min(...lows, 0) / 25) * 25);
  const high = highs.length === 0 ? 25 : Math.min(100, Math.ceil(Math.max(...highs, 0) / 25) * 25);
  const air = (high - low) * 0.06;
  return [low - air, high + air];
}

/** Ticks every 25 (50 on a tall range) within -100..100. */
function npsSplits(min: number, max: number): number[] {
  const step = max - min > 120 ? 50 : 25;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max; tick += step) if (tick >= -100 && tick <= 100) ticks.push(tick);
  return ticks;
}

/** NPS per period with its 95% interval, over the response counts. */
export function NpsTrendChart({ report, height = 260 }: NpsTrendChartProps) {
  const { points } = report;
  const intervals = points.map((point) => npsInterval(point));
  const lows = intervals.map((ci) => ci?.low ?? null);
  const highs = intervals.map((ci) => ci?.high ?? null);
  return (
    <IntervalTrendChart
      report={report}
      height={height}
      name="NPS"
      lineKey="NPS"
      intervalMethod={NPS_INTERVAL_METHOD}
      values={points.map((point) => point.nps)}
      lows={lows}
      highs={highs}
      axis={{ label: 'NPS', range: npsRange(lows.filter((v) => v !== null), highs.filter((v) => v !== null)), splits: npsSplits, format: formatNps }}
      describe={(index) => {
        const ci = intervals[index];
        return `NPS ${formatNps(points[index]!.nps)}${ci ? ` (95% interval ${formatNps(ci.low)} to ${formatNps(ci.high)})` : ''}`;
      }}
      legendTestId="nps-legend"
    />
  );
}
