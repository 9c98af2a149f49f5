import { useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import { formatDayMonth, formatMonth, isoWeek } from '../dates.ts';
import { formatCount, formatShare } from '../format.ts';
import type { CsatReport } from '../types.ts';
import { axisStyle, cssColor, useUplot } from '../use-uplot.ts';
import { periodName } from './nps-trend-chart.tsx';

export interface CsatTrendChartProps {
  report: CsatReport;
  height?: number;
}

const DAY_S = 24 * 3600;
const HALF_PERIOD_S = { day: DAY_S / 2, week: 3.5 * DAY_S, month: 15 * DAY_S };
/** Room one x label needs, in CSS pixels. */
const LABEL_PX = { day: 52, week: 56, month: 44 };

/**
 * CSAT (the share of 4-5 answers, in %) per period as a line with its 95% Wilson interval as a band, over
 * the response counts as bars on their own scale. The legend reads the hovered period, else the latest
 * one with answers.
 */
export function CsatTrendChart({ report, height = 240 }: CsatTrendChartProps) {
  const plot = useRef<HTMLDivElement>(null);
  const { points, interval } = report;
  const latest = points.findLastIndex((point) => point.responses > 0);
  const [hovered, setHovered] = useState<number | null>(null);

  useUplot(
    plot,
    (width) => {
      const xs = points.map((point) => Date.parse(`${point.period}T00:00:00Z`) / 1000);
      const percent = (value: number | null | undefined) => (value === null || value === undefined ? null : value * 100);
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
          x: { time: true, range: () => [xs[0]! - half, xs.at(-1)! + half] },
          csat: { auto: false, range: [-4, 104] },
          n: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.25] },
        },
        series: [
          {},
          { label: 'Responses', scale: 'n', fill: cssColor('bars'), stroke: cssColor('bars-line'), paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } },
          { label: '95% high', scale: 'csat', stroke: accent, width: 0, points: { show: true, size: 4, fill: accent }, spanGaps: false },
          { label: '95% low', scale: 'csat', stroke: accent, width: 0, points: { show: true, size: 4, fill: accent }, spanGaps: false },
          { label: 'CSAT', scale: 'csat', stroke: accent, width: 2, points: { show: true, size: 7, fill: accent }, spanGaps: false },
        ],
        bands: [{ series: [2, 3], fill: cssColor('band') }],
        axes: [
          {
            ...axis,
            size: interval === 'week' ? 48 : 32,
            grid: { show: false },
            splits: () => {
              const stride = Math.max(1, Math.ceil((points.length * LABEL_PX[interval]) / Math.max(width - 90, 1)));
              return xs.filter((_x, index) => (xs.length - 1 - index) % stride === 0);
            },
            values: (_u, splits) => splits.map((x) => labels(xs.indexOf(x))),
          },
          { ...axis, scale: 'csat', label: 'CSAT (4-5)', size: 48, splits: () => [0, 25, 50, 75, 100], values: (_u, splits) => splits.map((value) => `${value}%`) },
          { ...axis, scale: 'n', side: 1, label: 'Responses', size: 44, grid: { show: false }, values: (_u, splits) => splits.map((value) => (Number.isInteger(value) ? formatCount(value) : '')) },
        ],
        hooks: { setCursor: [(u) => setHovered(u.cursor.idx ?? null)] },
      };
      return {
        options,
        data: [
          xs,
          points.map((point) => point.responses || null),
          points.map((point) => percent(point.interval?.high)),
          points.map((point) => percent(point.interval?.low)),
          points.map((point) => percent(point.csat)),
        ],
      };
    },
    [report, height],
  );

  const shown = hovered ?? (latest >= 0 ? latest : null);
  const point = shown === null ? undefined : points[shown];
  return (
    <figure class="chart">
      <ul class="key" aria-hidden="true">
        <li>
          <span class="swatch line" /> CSAT (share of 4-5)
        </li>
        <li>
          <span class="swatch band" /> 95% interval (Wilson score)
        </li>
        <li>
          <span class="swatch bars" /> Responses
        </li>
      </ul>
      <div ref={plot} class="plot" aria-hidden="true" />
      <figcaption class="legend" data-testid="csat-legend">
        {point && point.responses > 0 && point.csat !== null ? (
          <>
            <strong>{periodName(point, interval)}</strong>: CSAT {formatShare(point.csat)}
            {point.interval && ` (95% interval ${formatShare(point.interval.low)} to ${formatShare(point.interval.high)})`}, {formatCount(point.responses)}{' '}
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
