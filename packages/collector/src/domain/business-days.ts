/**
 * Business days (Monday to Friday) on the calendar of a time zone, for escalation windows. Pure; time-zone
 * maths through Intl, so a window that spans a daylight-saving change keeps its local time of day.
 */

const DAY_MS = 24 * 3600_000;

interface Wall {
  year: number;
  month: number;
  day: number;
  /** Milliseconds since local midnight. */
  time: number;
}

/**
 * The instant `days` business days after `start` in `timeZone`: the same local time of day, `days` weekdays
 * later. A start on a weekend counts from the following Monday at midnight.
 */
export function addBusinessDays(start: Date, days: number, timeZone: string): Date {
  const wall = wallOf(start.getTime(), timeZone);
  let date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  let time = wall.time;
  while (isWeekend(date)) {
    date = new Date(date.getTime() + DAY_MS);
    time = 0;
  }
  for (let left = days; left > 0; ) {
    date = new Date(date.getTime() + DAY_MS);
    if (!isWeekend(date)) left -= 1;
  }
  return new Date(instantOf(date.getTime() + time, timeZone));
}

function isWeekend(utcDate: Date): boolean {
  const weekday = utcDate.getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The instant whose wall clock in `timeZone` reads `wall` (ms of a UTC date standing for local time). */
function instantOf(wall: number, timeZone: string): number {
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}

/** Wall clock minus UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const wall = wallOf(whole, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day) + wall.time - whole;
}

function wallOf(instant: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const ms = instant - Math.floor(instant / 1000) * 1000;
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    time: (((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) * 60 + (parts.second ?? 0)) * 1000 + ms,
  };
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
