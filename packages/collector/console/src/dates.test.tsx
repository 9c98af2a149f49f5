import { describe, expect, it } from 'vitest';
import { isoWeek, monthStartBefore, trailingMonths } from './dates.ts';

describe('isoWeek', () => {
  it('numbers weeks from the one holding the first Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe(1); // a Thursday
    expect(isoWeek('2025-12-29')).toBe(1); // the Monday of that week
    expect(isoWeek('2021-01-03')).toBe(53); // Sunday ending 2020's week 53
    expect(isoWeek('2021-01-04')).toBe(1);
    expect(isoWeek('2026-03-02')).toBe(10);
  });
});

describe('months', () => {
  it('counts back across a year', () => {
    expect(monthStartBefore(new Date('2026-02-15T12:00:00Z'), 3)).toBe('2025-11-01');
    expect(trailingMonths(new Date('2026-02-15T12:00:00Z'), 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});
