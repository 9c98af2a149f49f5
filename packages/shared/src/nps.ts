/** NPS maths. Pure and tiny: the widget may import this file directly. */

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** 9-10 promoter, 7-8 passive, 0-6 detractor; a RangeError for anything but an integer from 0 to 10. */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`NPS score must be an integer from 0 to 10, got ${score}`);
  }
  return scaleCategory(score);
}

/**
 * `npsCategory` of a score picked on a 0-10 scale, so known to be valid: unchecked, which keeps the
 * error text out of the widget's bundle.
 */
export function scaleCategory(score: number): NpsCategory {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Tally scores into category counts. */
export function npsCounts(scores: Iterable<number>): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    const category = npsCategory(score);
    if (category === 'promoter') counts.promoters += 1;
    else if (category === 'passive') counts.passives += 1;
    else counts.detractors += 1;
  }
  return counts;
}

/**
 * Net Promoter Score: % promoters minus % detractors, from -100 to 100, rounded to one decimal.
 * `null` when there are no answers: an NPS of 0 and "no data" are different things.
 */
export function npsScore(counts: NpsCounts): number | null {
  const total = counts.promoters + counts.passives + counts.detractors;
  if (total === 0) return null;
  return Math.round(((counts.promoters - counts.detractors) / total) * 1000) / 10;
}
