import { describe, expect, it } from 'vitest';
import { addBusinessDays } from './business-days.ts';

describe('addBusinessDays', () => {
  it('skips the weekend and keeps the local time of day', () => {
    // Thursday 2026-01-08 10:00 UTC + 2 business days = Monday 10:00.
    expect(addBusinessDays(new Date('2026-01-08T10:00:00Z'), 2, 'UTC').toISOString()).toBe('2026-01-12T10:00:00.000Z');
    expect(addBusinessDays(new Date('2026-01-05T10:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-01-06T10:00:00.000Z');
  });

  it('counts a weekend start from Monday midnight', () => {
    expect(addBusinessDays(new Date('2026-01-10T15:00:00Z'), 1, 'UTC').toISOString()).toBe('2026-01-13T00:00:00.000Z');
  });

  it('reads the calendar of the owner\'s time zone', () => {
    // Friday 23:30 UTC is already Saturday in Tokyo: the window starts Monday 00:00 Tokyo (Sunday 15:00 UTC).
    expect(addBusinessDays(new Date('2026-01-09T23:30:00Z'), 1, 'Asia/Tokyo').toISOString()).toBe('2026-01-12T15:00:00.000Z');
    // The same instant in New York is Friday 18:30: one business day later is Monday 18:30 there.
    expect(addBusinessDays(new Date('2026-01-09T23:30:00Z'), 1, 'America/New_York').toISOString()).toBe('2026-01-12T23:30:00.000Z');
  });

  it('keeps the local hour across a daylight-saving change', () => {
    // Berlin moves to summer time on Sunday 2026-03-29: Friday 09:00 CET (08:00 UTC) + 1 = Monday 09:00 CEST (07:00 UTC).
    expect(addBusinessDays(new Date('2026-03-27T08:00:00Z'), 1, 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('takes a local time the clocks repeat at its first occurrence', () => {
    // Cairo goes back from 24:00 EEST to 23:00 EET on Thursday 2026-10-29: Wednesday 23:30 EEST + 1 is the first 23:30.
    expect(addBusinessDays(new Date('2026-10-28T20:30:00Z'), 1, 'Africa/Cairo').toISOString()).toBe('2026-10-29T20:30:00.000Z');
  });
});
