/**
 * Calendar dates and wall clocks in an IANA time zone, for the digest schedule and escalation windows. Pure;
 * offsets come from Intl, so a daylight-saving change moves the UTC instant, never the local time. A local
 * time the clocks skip (spring forward) is taken as the instant they jump to plus the skipped minutes; a
 * local time they repeat (fall back) as its first occurrence.
 */

const DAY_MS = 24 * 3600_000;

/** A day on a calendar, `month` 1 to 12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface WallClock extends CalendarDate {
  /** Milliseconds since local midnight. */
  timeOfDay: number;
}

/** What the wall clock in `timeZone` reads at `instant`. */
export function wallClock(instant: Date | number, timeZone: string): WallClock {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const whole = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(whole)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    timeOfDay: (((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) * 60 + (parts.second ?? 0)) * 1000 + (ms - whole),
  };
}

/**
 * The instant when the wall clock in `timeZone` reads `date` at `timeOfDay` ms past midnight. With the
 * offsets a day before and a day after, the candidates are `wall - before` and `wall - after`; the first
 * that reads back as the wall time wins (the earlier one when the time repeats); none does in a skipped
 * time, and `wall - before` is then the instant the clocks jump to plus the skipped minutes.
 */
export function zonedInstant(date: CalendarDate, timeOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + timeOfDay;
  const earlier = wall - offsetAt(wall - DAY_MS, timeZone);
  if (readsAs(earlier, wall, timeZone)) return new Date(earlier);
  const later = wall - offsetAt(wall + DAY_MS, timeZone);
  return new Date(readsAs(later, wall, timeZone) ? later : earlier);
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The day of the week of `date`, 0 for Sunday to 6 for Saturday. */
export function weekday(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** `YYYY-MM-DD`. */
export function isoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readsAs(instant: number, wall: number, timeZone: string): boolean {
  return instant + offsetAt(instant, timeZone) === wall;
}

/** Wall clock minus UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const { year, month, day, timeOfDay } = wallClock(whole, timeZone);
  return Date.UTC(year, month - 1, day) + timeOfDay - whole;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}
