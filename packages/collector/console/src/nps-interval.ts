/**
 * The 95% confidence interval of an NPS, by the adjusted Wald method (Rocks, "Interval Estimation for the
 * Net Promoter Score", The American Statistician 70(4), 2016; as used by MeasuringU): add 3 to the sample,
 * 3/4 to the promoters and 3/4 to the detractors, then take the Wald interval of the difference of the two
 * proportions. It keeps its coverage for small samples and extreme scores, where the plain Wald interval
 * collapses to a width of zero (all promoters: 100 +/- 0). Pure: counts in, NPS points out.
 */

export const NPS_INTERVAL_METHOD = 'adjusted Wald';

export interface NpsCountsLike {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsInterval {
  /** Bounds in NPS points, within -100..100, rounded to one decimal. */
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

/** The interval, or `null` when nobody answered. */
export function npsInterval({ promoters, passives, detractors }: NpsCountsLike, z: number = Z95): NpsInterval | null {
  const n = promoters + passives + detractors;
  if (n === 0) return null;
  const adjusted = n + 3;
  const p = (promoters + 0.75) / adjusted;
  const d = (detractors + 0.75) / adjusted;
  const centre = p - d;
  const variance = p + d - centre * centre;
  const margin = z * Math.sqrt(variance / adjusted);
  const points = (value: number) => Math.round(Math.min(1, Math.max(-1, value)) * 1000) / 10;
  return { low: points(centre - margin), high: points(centre + margin) };
}
