import { useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { formatCount } from '../format.ts';
import { axisStyle, cssColor, useUplot } from '../use-uplot.ts';

export interface Stack {
  label: string;
  /** A palette colour name (`series-1`...). */
  color: string;
  /** One count per category. */
  values: number[];
}

export interface StackedBarsProps {
  /** The x axis: months, versions. */
  categories: string[];
  stacks: Stack[];
  /** The top of the count axis, the same for charts meant to be compared side by side. */
  max: number;
  height?: number;
}

/**
 * Counts per category stacked by series (first series at the bottom). uPlot has no stacking of its own:
 * each series is drawn as the running total up to it, tallest first, so each shorter bar covers the
 * lower part of the one behind it.
 */
export function StackedBars({ categories, stacks, max, height = 220 }: StackedBarsProps) {
  const plot = useRef<HTMLDivElement>(null);
  useUplot(
    plot,
    (width) => {
      const xs = categories.map((_c, index) => index);
      const totals: number[][] = [];
      stacks.forEach((stack, index) => totals.push(stack.values.map((value, at) => value + (index === 0 ? 0 : totals[index - 1]![at]!))));
      const axis = axisStyle();
      const stride = Math.max(1, Math.ceil((categories.length * 48) / Math.max(width - 60, 1)));
      const order = stacks.map((_s, index) => index).reverse(); // tallest (all series) first
      const options: Omit<uPlot.Options, 'width'> = {
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, categories.length - 0.4] }, y: { range: [0, Math.max(max, 1) * 1.1] } },
        series: [
          {},
          ...order.map((index) => ({
            label: stacks[index]!.label,
            fill: cssColor(stacks[index]!.color),
            stroke: cssColor('panel'),
            width: 1,
            paths: uPlot.paths.bars!({ size: [0.7, 56] }),
            points: { show: false },
          })),
        ],
        axes: [
          {
            ...axis,
            grid: { show: false },
            splits: () => xs.filter((x) => x % stride === 0),
            values: (_u, splits) => splits.map((x) => categories[x] ?? ''),
          },
          { ...axis, size: 40, values: (_u, splits) => splits.map((value) => (Number.isInteger(value) ? formatCount(value) : '')) },
        ],
      };
      return { options, data: [xs, ...order.map((index) => totals[index]!)] };
    },
    [JSON.stringify(categories), JSON.stringify(stacks), max, height],
  );
  return <div ref={plot} class="plot" aria-hidden="true" />;
}
