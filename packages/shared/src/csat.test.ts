import { describe, expect, it } from 'vitest';
import { csatInterval, csatSatisfied, csatScore } from './csat.ts';

describe('csatScore', () => {
  it('is the share of answers that gave 4 or 5', () => {
    expect([1, 2, 3, 4, 5].map(csatSatisfied)).toEqual([false, false, false, true, true]);
    expect(csatScore({ responses: 8, satisfied: 6 })).toBe(0.75);
    expect(csatScore({ responses: 3, satisfied: 0 })).toBe(0);
  });

  it('is null without answers', () => {
    expect(csatScore({ responses: 0, satisfied: 0 })).toBeNull();
  });
});

describe('csatInterval (Wilson score, 95%)', () => {
  it('matches published values', () => {
    // 81 of 263 (Wilson 1927 as worked in Newcombe 1998, method 3): 0.2553 to 0.3662.
    const interval = csatInterval({ responses: 263, satisfied: 81 })!;
    expect(interval.low).toBeCloseTo(0.2553, 4);
    expect(interval.high).toBeCloseTo(0.3662, 4);
    expect(interval).toMatchObject({ method: 'wilson', level: 0.95 });
    // 15 of 148 (Newcombe 1998): 0.0624 to 0.1605.
    const small = csatInterval({ responses: 148, satisfied: 15 })!;
    expect(small.low).toBeCloseTo(0.0624, 4);
    expect(small.high).toBeCloseTo(0.1605, 4);
  });

  it('keeps a width at 0% and 100%, inside [0, 1]', () => {
    const none = csatInterval({ responses: 10, satisfied: 0 })!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = csatInterval({ responses: 10, satisfied: 10 })!;
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.7225, 4);
  });

  it('holds the share and narrows as the sample grows', () => {
    const few = csatInterval({ responses: 20, satisfied: 15 })!;
    const many = csatInterval({ responses: 2000, satisfied: 1500 })!;
    for (const interval of [few, many]) {
      expect(interval.low).toBeLessThan(0.75);
      expect(interval.high).toBeGreaterThan(0.75);
    }
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
  });

  it('is null without answers', () => {
    expect(csatInterval({ responses: 0, satisfied: 0 })).toBeNull();
  });
});
