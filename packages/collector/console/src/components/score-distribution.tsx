import { useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { formatCount, share } from '../format.ts';
import { axisStyle, cssColor, useUplot } from '../use-uplot.ts';

export interface ScoreDistributionProps {
  /** Score '0'..'10' -> how many gave it. */
  distribution: Record<string, number>;
  height?: number;
}

const SCORES = Array.from({ length: 11 }, (_, score) => score);
const GROUPS = [
  { label: 'Detractors', color: 'detractor', from: 0, to: 6 },
  { label: 'Passives', color: 'passive', from: 7, to: 8 },
  { label: 'Promoters', color: 'promoter', from: 9, to: 10 },
] as const;

/** How many gave each score from 0 to 10, coloured by NPS category; the numbers also in a table. */
export function ScoreDistribution({ distribution, height = 180 }: ScoreDistributionProps) {
  const plot = useRef<HTMLDivElement>(null);
  const counts = SCORES.map((score) => distribution[String(score)] ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0);

  useUplot(
    plot,
    () => {
      const axis = axisStyle();
      const options: Omit<uPlot.Options, 'width'> = {
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.6, 10.6] }, y: { range: (_u, _min, max) => [0, Math.max(max, 1) * 1.15] } },
        series: [
          {},
          ...GROUPS.map((group) => ({
            label: group.label,
            fill: cssColor(group.color),
            stroke: cssColor(group.color),
            paths: uPlot.paths.bars!({ size: [0.7, 40] }),
            points: { show: false },
          })),
        ],
        axes: [
          { ...axis, grid: { show: false }, splits: () => SCORES, values: (_u, splits) => splits.map((score) => formatCount(score)) },
          { ...axis, size: 44, values: (_u, splits) => splits.map((value) => (Number.isInteger(value) ? formatCount(value) : '')) },
        ],
      };
      const data: uPlot.AlignedData = [SCORES, ...GROUPS.map((group) => counts.map((count, score) => (score >= group.from && score <= group.to ? count : null)))];
      return { options, data };
    },
    [JSON.stringify(distribution), height],
  );

  return (
    <figure class="chart">
      <div ref={plot} class="plot" aria-hidden="true" />
      <details>
        <summary>Answers per score</summary>
        <table class="numbers compact">
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Answers</th>
              <th scope="col">Share</th>
            </tr>
          </thead>
          <tbody>
            {SCORES.map((score) => (
              <tr key={score}>
                <th scope="row">{formatCount(score)}</th>
                <td>{formatCount(counts[score]!)}</td>
                <td>{share(counts[score]!, total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
