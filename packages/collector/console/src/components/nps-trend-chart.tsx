import { useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { formatDayMonth, formatMonth, formatPeriod, isoWeek } from '../dates.ts';
import { formatCount, formatNps } from '../format.ts';
import { npsInterval, NPS_INTERVAL_METHOD } from '../nps-interval.ts';
import type { NpsPoint, NpsReport } from '../types.ts';
import { axisStyle, cssColor, useUplot } from '../use-uplot.ts';

export interface NpsTrendChartProps {
  report: NpsReport;
  height?: number;
}

const DAY_S = 24 * 3600;
const HALF_PERIOD_S = { day: DAY_S / 2, week: 3.5 * DAY_S, month: 15 * DAY_S };
/** Room one x label needs, in CSS pixels. */
const LABEL_PX = { day: 52, week: 56, month: 44 };

/** "Week 10 (2 Mar 2026)", "2 Mar 2026", "Mar 2026". */
export function periodName(point: Pick<NpsPoint, 'period'>, interval: NpsReport['interval']): string {
  if (interval === 'week') return `Week ${isoWeek(point.period)} (${formatPeriod(point.period)})`;
  return formatPeriod(interval === 'month' ? point.period.slice(0, 7) : point.period);
}

/** The NPS axis: the data's 95% intervals, widened to multiples of 25 and kept within -100..100, with air around. */
export function npsRange(lows: number[], highs: number[]): [number, number] {
  const low = lows.length === 0 ? -25 : Math.max(-100, Math.floor(Math.min(...lows, 0) / 25) * 25);
  const high = highs.length === 0 ? 25 : Math.min(100, Math.ceil(Math.max(...highs, 0) / 25) * 25);
  const air = (high - low) * 0.06;
  return [low - air, high + air];
}

/**
 * NPS per period (ISO weeks from Monday, days or months, in UTC) as a line with its 95% interval as a band
 * and a dot above and below each point, over the response counts as bars on their own scale. The legend
 * reads the hovered period, else the latest one with answers.
 */
export function NpsTrendChart({ report, height = 260 }: NpsTrendChartProps) {
  const plot = useRef<HTMLDivElement>(null);
  const { points, interval } = report;
  const intervals = points.map((point) => npsInterval(point));
  const latest = points.findLastIndex((point) => point.responses > 0);
  const [hovered, setHovered] = useState<number | null>(null);

  useUplot(
    plot,
    (width) => {
      const xs = points.map((point) => Date.parse(`${point.period}T00:00:00Z`) / 1000);
      const lows = intervals.map((ci) => ci?.low ?? null);
      const highs = intervals.map((ci) => ci?.high ?? null);
      const half = HALF_PERIOD_S[interval];
      const accent = cssColor('accent');
      const axis = axisStyle();
      const labels = (index: number) => {
        const period = points[index]!.period;
        if (interval === 'week') return `W${isoWeek(period)}\n${formatDayMonth(period)}`;
        if (interval === 'month') return formatMonth(period.slice(0, 7), period.slice(5, 7) === '01' || index === 0);
        return formatDayMonth(period);
      };
      const options: Omit<uPlot.Options, 'width'> = {
        height,
        legend: { show: false },
        cursor: { y: false, points: { show: false } },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: {
          // Half a period of room on each side, so the first and the current period's bars are whole.
          x: { time: true, range: () => [xs[0]! - half, xs.at(-1)! + half] },
          nps: { auto: false, range: npsRange(lows.filter((v) => v !== null), highs.filter((v) => v !== null)) },
          n: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.25] },
        },
        series: [
          {},
          { label: 'Responses', scale: 'n', fill: cssColor('bars'), stroke: cssColor('bars-line'), paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } },
          { label: '95% high', scale: 'nps', stroke: accent, width: 0, points: { show: true, size: 4, fill: accent }, spanGaps: false },
          { label: '95% low', scale: 'nps', stroke: accent, width: 0, points: { show: true, size: 4, fill: accent }, spanGaps: false },
          { label: 'NPS', scale: 'nps', stroke: accent, width: 2, points: { show: true, size: 7, fill: accent }, spanGaps: false },
        ],
        bands: [{ series: [2, 3], fill: cssColor('band') }],
        axes: [
          {
            ...axis,
            size: interval === 'week' ? 48 : 32,
            grid: { show: false },
            // One tick per period start (Monday for ISO weeks), thinned to what the width holds.
            splits: () => {
              const stride = Math.max(1, Math.ceil((points.length * LABEL_PX[interval]) / Math.max(width - 90, 1)));
              return xs.filter((_x, index) => (xs.length - 1 - index) % stride === 0);
            },
            values: (_u, splits) => splits.map((x) => labels(xs.indexOf(x))),
          },
          {
            ...axis,
            scale: 'nps',
            label: 'NPS',
            size: 48,
            splits: (u) => {
              const [min, max] = [u.scales.nps!.min!, u.scales.nps!.max!];
              const step = max - min > 120 ? 50 : 25;
              const ticks: number[] = [];
              for (let tick = Math.ceil(min / step) * step; tick <= max; tick += step) if (tick >= -100 && tick <= 100) ticks.push(tick);
              return ticks;
            },
            values: (_u, splits) => splits.map((value) => formatNps(value)),
          },
          { ...axis, scale: 'n', side: 1, label: 'Responses', size: 44, grid: { show: false }, values: (_u, splits) => splits.map((value) => (Number.isInteger(value) ? formatCount(value) : '')) },
        ],
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      };
      // An empty period draws no bar at all, rather than a flat line on the axis.
      return { options, data: [xs, points.map((point) => point.responses || null), highs, lows, points.map((point) => point.nps)] };
    },
    [report, height],
  );

  const shown = hovered ?? (latest >= 0 ? latest : null);
  const point = shown === null ? undefined : points[shown];
  const ci = shown === null ? null : intervals[shown];
  return (
    <figure class="chart">
      <ul class="key" aria-hidden="true">
        <li>
          <span class="swatch line" /> NPS
        </li>
        <li>
          <span class="swatch band" /> 95% interval ({NPS_INTERVAL_METHOD})
        </li>
        <li>
          <span class="swatch bars" /> Responses
        </li>
      </ul>
      <div ref={plot} class="plot" aria-hidden="true" />
      <figcaption class="legend" data-testid="nps-legend">
        {point && point.responses > 0 ? (
          <>
            <strong>{periodName(point, interval)}</strong>: NPS {formatNps(point.nps)}
            {ci && ` (95% interval ${formatNps(ci.low)} to ${formatNps(ci.high)})`}, {formatCount(point.responses)}{' '}
            {point.responses === 1 ? 'response' : 'responses'}
          </>
        ) : point ? (
          <>
            <strong>{periodName(point, interval)}</strong>: no answers
          </>
        ) : (
          'No answers in this range.'
        )}
      </figcaption>
    </figure>
  );
}
