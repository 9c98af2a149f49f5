import { describe, expect, it } from 'vitest';
import { addDays, isoDate, wallClock, weekday, zonedInstant, type CalendarDate } from './zoned-time.ts';

const HOUR = 3600_000;
const MINUTE = 60_000;
const date = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('wallClock', () => {
  it('reads the date and the time of day in the zone, to the millisecond', () => {
    expect(wallClock(new Date('2026-01-15T23:30:00.250Z'), 'Europe/Berlin')).toEqual({ ...date(2026, 1, 16), timeOfDay: 30 * MINUTE + 250 });
    expect(wallClock(new Date('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toEqual({ ...date(2026, 7, 15), timeOfDay: 14 * HOUR });
    expect(wallClock(Date.parse('2026-03-06T20:00:00Z'), 'Asia/Kolkata')).toEqual({ ...date(2026, 3, 7), timeOfDay: 1 * HOUR + 30 * MINUTE });
    expect(wallClock(new Date('2026-03-06T03:00:00Z'), 'America/New_York')).toEqual({ ...date(2026, 3, 5), timeOfDay: 22 * HOUR });
  });
});

describe('zonedInstant', () => {
  // [what, zone, local date, local time, instant]
  const cases: [string, string, string, string, string][] = [
    ['winter time before the change', 'Europe/Berlin', '2026-03-28', '09:00', '2026-03-28T08:00:00.000Z'],
    ['summer time after the change', 'Europe/Berlin', '2026-03-30', '09:00', '2026-03-30T07:00:00.000Z'],
    ['standard time before the change', 'America/New_York', '2026-03-07', '09:00', '2026-03-07T14:00:00.000Z'],
    ['daylight time after the change', 'America/New_York', '2026-03-09', '09:00', '2026-03-09T13:00:00.000Z'],
    // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    ['a skipped time: where the clocks jump to', 'Europe/Berlin', '2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'],
    ['a skipped time: plus the skipped minutes', 'Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['the time the clocks jump to', 'Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    ['a skipped time west of UTC', 'America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z'],
    ['the last minute before a skip', 'America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z'],
    // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC; 02:30 is read at 00:30 and 01:30 UTC.
    ['a repeated time: its first occurrence', 'Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['the first time after a repeat', 'Europe/Berlin', '2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
    // New York, 2026-11-01: 02:00 EDT becomes 01:00 EST at 06:00 UTC; 01:30 is read at 05:30 and 06:30 UTC.
    ['a repeated time west of UTC', 'America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    ['the first time after a repeat west of UTC', 'America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z'],
    ['a half-hour offset', 'Asia/Kolkata', '2026-03-06', '09:00', '2026-03-06T03:30:00.000Z'],
    ['a half-hour offset, the day before in UTC', 'Asia/Kolkata', '2026-03-06', '00:15', '2026-03-05T18:45:00.000Z'],
    ['a zone east of the date line', 'Pacific/Kiritimati', '2026-03-06', '08:00', '2026-03-05T18:00:00.000Z'],
  ];

  it.each(cases)('%s (%s %s %s)', (_what, zone, day, time, expected) => {
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    expect(zonedInstant(date(year, month, dayOfMonth), hours * HOUR + minutes * MINUTE, zone).toISOString()).toBe(expected);
  });

  it('reads back every instant of a changeover day, but the second occurrence of a repeated time', () => {
    const days: [string, string][] = [
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Asia/Kolkata', '2026-03-29'],
    ];
    for (const [zone, day] of days) {
      for (let at = Date.parse(`${day}T00:00:00Z`) - 12 * HOUR; at < Date.parse(`${day}T00:00:00Z`) + 36 * HOUR; at += 15 * MINUTE + 7) {
        const wall = wallClock(at, zone);
        const back = zonedInstant(wall, wall.timeOfDay, zone).getTime();
        const firstOccurrence = back === at - HOUR && wallClock(back, zone).timeOfDay === wall.timeOfDay;
        expect(back === at || firstOccurrence, `${zone} ${new Date(at).toISOString()}`).toBe(true);
      }
    }
  });
});

describe('calendar dates', () => {
  it('adds days across months, years and leap days, and names the weekday', () => {
    expect(addDays(date(2026, 1, 30), 3)).toEqual(date(2026, 2, 2));
    expect(addDays(date(2028, 2, 28), 1)).toEqual(date(2028, 2, 29));
    expect(addDays(date(2027, 1, 2), -3)).toEqual(date(2026, 12, 30));
    expect(weekday(date(2026, 3, 6))).toBe(5);
    expect(weekday(date(2026, 3, 8))).toBe(0);
    expect(isoDate(date(2026, 3, 9))).toBe('2026-03-09');
  });
});
