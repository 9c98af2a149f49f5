import { useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { formatDayMonth, formatMonth, formatPeriod, isoWeek } from '../dates.ts';
import { formatCount } from '../format.ts';
import type { NpsReport } from '../types.ts';
import { axisStyle, cssColor, useUplot } from '../use-uplot.ts';

/** The length of a chart's periods: ISO weeks from Monday, days or months, in UTC. */
export type TrendInterval = NpsReport['interval'];

/** A measure's trend: one point per period, with the period's response count. */
export interface TrendReport {
  points: { period: string; responses: number }[];
  interval: TrendInterval;
}

/** The measure's own axis, in its units. */
export interface MeasureAxis {
  label: string;
  range: [number, number];
  /** The ticks, given the scale's ends. */
  splits: (min: number, max: number) => number[];
  format: (value: number) => string;
}

export interface IntervalTrendChartProps {
  /** What the chart is rebuilt on: the values below are derived from it. */
  report: TrendReport;
  height: number;
  /** The measure's name on its line: "NPS", "CSAT". */
  name: string;
  /** The key's words for the line. */
  lineKey: string;
  /** How the 95% interval is computed, for the key. */
  intervalMethod: string;
  /** Per point, in the axis's units: the measure and its 95% interval, `null` where there is none. */
  values: (number | null)[];
  lows: (number | null)[];
  highs: (number | null)[];
  axis: MeasureAxis;
  /** The legend's words for the point at an index with answers ("NPS 12 (95% interval 3 to 20)"); `undefined` where there are none to show. */
  describe: (index: number) => string | undefined;
  legendTestId: string;
}

const DAY_S = 24 * 3600;
const HALF_PERIOD_S = { day: DAY_S / 2, week: 3.5 * DAY_S, month: 15 * DAY_S };
/** Room one x label needs, in CSS pixels. */
const LABEL_PX = { day: 52, week: 56, month: 44 };

/** "Week 10 (2 Mar 2026)", "2 Mar 2026", "Mar 2026". */
export function periodName(point: { period: string }, interval: TrendInterval): string {
  if (interval === 'week') return `Week ${isoWeek(point.period)} (${formatPeriod(point.period)})`;
  return formatPeriod(interval === 'month' ? point.period.slice(0, 7) : point.period);
}

/**
 * A measure per period as a line with its 95% interval as a band and a dot above and below each point, over
 * the response counts as bars on their own scale. The legend reads the hovered period, else the latest one
 * with answers.
 */
export function IntervalTrendChart({ report, height, name, lineKey, intervalMethod, values, lows, highs, axis: measure, describe, legendTestId }: IntervalTrendChartProps) {
  const plot = useRef<HTMLDivElement>(null);
  const { points, interval } = report;
  const latest = points.findLastIndex((point) => point.responses > 0);
  const [hovered, setHovered] = useState<number | null>(null);

  useUplot(
    plot,
    (width) => {
      const xs = points.map((point) => Date.parse(`${point.period}T00:00:00Z`) / 1000);
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
          value: { auto: false, range: measure.range },
          n: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.25] },
        },
        series: [
          {},
          { label: 'Responses', scale: 'n', fill: cssColor('bars'), stroke: cssColor('bars-line'), paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } },
          { label: '95% high', scale: 'value', stroke: accent, width: 0, points: { show: true, size: 4, fill: accent }, spanGaps: false },
          { label: '95% low', scale: 'value', stroke: accent, width: 0, points: { show: true, size: 4, fill: accent }, spanGaps: false },
          { label: name, scale: 'value', stroke: accent, width: 2, points: { show: true, size: 7, fill: accent }, spanGaps: false },
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
            scale: 'value',
            label: measure.label,
            size: 48,
            splits: (u) => measure.splits(u.scales.value!.min!, u.scales.value!.max!),
            values: (_u, splits) => splits.map((value) => measure.format(value)),
          },
          { ...axis, scale: 'n', side: 1, label: 'Responses', size: 44, grid: { show: false }, values: (_u, splits) => splits.map((value) => (Number.isInteger(value) ? formatCount(value) : '')) },
        ],
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      };
      // An empty period draws no bar at all, rather than a flat line on the axis.
      return { options, data: [xs, points.map((point) => point.responses || null), highs, lows, values] };
    },
    [report, height],
  );

  const shown = hovered ?? (latest >= 0 ? latest : null);
  const point = shown === null ? undefined : points[shown];
  const text = shown !== null && point && point.responses > 0 ? describe(shown) : undefined;
  return (
    <figure class="chart">
      <ul class="key" aria-hidden="true">
        <li>
          <span class="swatch line" /> {lineKey}
        </li>
        <li>
          <span class="swatch band" /> 95% interval ({intervalMethod})
        </li>
        <li>
          <span class="swatch bars" /> Responses
        </li>
      </ul>
      <div ref={plot} class="plot" aria-hidden="true" />
      <figcaption class="legend" data-testid={legendTestId}>
        {point && text !== undefined ? (
          <>
            <strong>{periodName(point, interval)}</strong>: {text}, {formatCount(point.responses)} {point.responses === 1 ? 'response' : 'responses'}
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
