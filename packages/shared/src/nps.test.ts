import { describe, expect, it } from 'vitest';
import { npsCategory, npsCounts, npsScore, scaleCategory } from './nps.ts';

describe('npsCategory', () => {
  it('splits the 0-10 scale at 6/7 and 8/9', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter',
    ]);
  });
  it('rejects scores off the scale', () => {
    expect(() => npsCategory(11)).toThrow(RangeError);
    expect(() => npsCategory(-1)).toThrow(RangeError);
    expect(() => npsCategory(7.5)).toThrow(RangeError);
  });
});

describe('scaleCategory', () => {
  it('agrees with npsCategory on every point of the scale', () => {
    const scale = Array.from({ length: 11 }, (_, score) => score);
    expect(scale.map(scaleCategory)).toEqual(scale.map(npsCategory));
  });
});

describe('npsScore', () => {
  it('is % promoters minus % detractors', () => {
    // 5 promoters, 3 passives, 2 detractors of 10 -> 50% - 20% = 30
    expect(npsScore(npsCounts([10, 9, 9, 10, 9, 7, 8, 7, 3, 0]))).toBe(30);
  });
  it('spans -100 to 100', () => {
    expect(npsScore(npsCounts([0, 1, 2]))).toBe(-100);
    expect(npsScore(npsCounts([9, 10]))).toBe(100);
  });
  it('rounds to one decimal', () => {
    // 1 promoter of 3 -> 33.3
    expect(npsScore(npsCounts([9, 7, 8]))).toBe(33.3);
  });
  it('is null without answers, not zero', () => {
    expect(npsScore(npsCounts([]))).toBeNull();
  });
});
