import { describe, expect, it } from 'vitest';
import { npsInterval } from './nps-interval.ts';

describe('npsInterval (adjusted Wald)', () => {
  it('matches the adjusted Wald interval worked by hand', () => {
    // n=100, 40 P / 30 Pa / 30 D: n'=103, p'=40.75/103, d'=30.75/103, centre 0.0971,
    // variance p'+d'-centre^2 = 0.6847, margin 1.96*sqrt(0.6847/103) = 0.1598.
    expect(npsInterval({ promoters: 40, passives: 30, detractors: 30 })).toEqual({ low: -6.3, high: 25.7 });
  });

  it('is about +/-15 points at 100 answers, and narrows with the square root of the sample', () => {
    const at100 = npsInterval({ promoters: 50, passives: 30, detractors: 20 })!;
    const at400 = npsInterval({ promoters: 200, passives: 120, detractors: 80 })!;
    expect((at100.high - at100.low) / 2).toBeGreaterThan(13);
    expect((at100.high - at100.low) / 2).toBeLessThan(17);
    expect((at400.high - at400.low) / (at100.high - at100.low)).toBeCloseTo(0.5, 1);
  });

  it('keeps a width where the plain Wald interval has none, and stays within -100..100', () => {
    const allPromoters = npsInterval({ promoters: 5, passives: 0, detractors: 0 })!;
    expect(allPromoters.high).toBe(100);
    expect(allPromoters.low).toBeLessThan(60);
    const allDetractors = npsInterval({ promoters: 0, passives: 0, detractors: 20 })!;
    expect(allDetractors.low).toBe(-100);
    expect(allDetractors.high).toBeGreaterThan(-80);
  });

  it('is null without answers: no interval for no data', () => {
    expect(npsInterval({ promoters: 0, passives: 0, detractors: 0 })).toBeNull();
  });
});
