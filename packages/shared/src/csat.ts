/**
 * CSAT maths. Pure and tiny, free of zod. The CSAT score is the share of satisfied answers: those that
 * gave 4 or 5 on the 1-5 scale. Its 95% interval is the Wilson score interval, which stays inside [0, 1]
 * and keeps a sensible width for small samples and for shares near 0 or 1, where the normal (Wald)
 * interval collapses to a point.
 */

/** Satisfied: 4 or 5. */
export function csatSatisfied(score: number): boolean {
  return score >= 4;
}

export interface CsatCounts {
  /** Answers in the sample. */
  responses: number;
  /** Those that gave 4 or 5. */
  satisfied: number;
}

/** The share of satisfied answers, 0-1; `null` when there are none (no data is not a score of 0). */
export function csatScore({ responses, satisfied }: CsatCounts): number | null {
  return responses === 0 ? null : satisfied / responses;
}

export interface CsatInterval {
  /** Bounds of the share, 0-1. */
  low: number;
  high: number;
  method: 'wilson';
  /** Confidence level, 0.95. */
  level: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The 95% Wilson score interval of the satisfied share (Wilson 1927; Agresti & Coull 1998):
 * centre (p + z²/2n) / (1 + z²/n), half-width z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
 * `null` when there are no answers.
 */
export function csatInterval({ responses: n, satisfied }: CsatCounts): CsatInterval | null {
  if (n === 0) return null;
  const p = satisfied / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At p = 0 or 1 that bound is exactly 0 or 1; set so, where floating point lands a hair off.
  const low = satisfied === 0 ? 0 : centre - half;
  const high = satisfied === n ? 1 : centre + half;
  return { low, high, method: 'wilson', level: 0.95 };
}
