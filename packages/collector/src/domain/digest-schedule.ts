/**
 * When weekly digests are due: on a weekday at an hour of the wall clock in a time zone (`config.digest`,
 * default Friday 16:00 UTC). Pure; time-zone maths through Intl, so daylight-saving changes move the UTC
 * instant, never the local hour. A due hour the clocks skip (spring forward) is taken as the instant they
 * jump to; an hour they repeat (fall back) as its first occurrence.
 */
import { DigestSettingsSchema, type HeedConfig } from '@heed/shared';

export type DigestSettings = NonNullable<HeedConfig['digest']>;
export type Weekday = DigestSettings['weekday'];

/** The configured settings, or the defaults when the config has none. */
export function digestSettings(config: Pick<HeedConfig, 'digest'>): DigestSettings {
  return config.digest ?? DigestSettingsSchema.parse({});
}

const WEEKDAYS: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The first due instant strictly after `now`. */
export function nextDigestAt(settings: DigestSettings, now: Date): Date {
  const today = localDate(now, settings.timeZone);
  for (let days = 0; days <= 7; days += 1) {
    const due = dueOn(settings, today, days);
    if (due !== undefined && due.getTime() > now.getTime()) return due;
  }
  throw new Error(`no digest due within a week of ${now.toISOString()}`);
}

/** The last due instant at or before `now`. */
export function previousDigestAt(settings: DigestSettings, now: Date): Date {
  const today = localDate(now, settings.timeZone);
  for (let days = 0; days >= -7; days -= 1) {
    const due = dueOn(settings, today, days);
    if (due !== undefined && due.getTime() <= now.getTime()) return due;
  }
  throw new Error(`no digest due within a week before ${now.toISOString()}`);
}

/** Names a digest period by the local date it is due, `YYYY-MM-DD` (the digest lease key). */
export function digestPeriodKey(settings: DigestSettings, dueAt: Date): string {
  const { year, month, day } = wallClock(dueAt.getTime(), settings.timeZone);
  return isoDate(year, month, day);
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The due instant `days` calendar days after `date`, when that day is the digest's weekday. */
function dueOn(settings: DigestSettings, date: CalendarDate, days: number): Date | undefined {
  const noon = new Date(Date.UTC(date.year, date.month - 1, date.day + days, 12));
  if (WEEKDAYS[noon.getUTCDay()] !== settings.weekday) return undefined;
  const instant = zonedInstant(
    { year: noon.getUTCFullYear(), month: noon.getUTCMonth() + 1, day: noon.getUTCDate() },
    settings.hour,
    settings.timeZone,
  );
  return new Date(instant);
}

function localDate(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = wallClock(instant.getTime(), timeZone);
  return { year, month, day };
}

/**
 * The instant (ms) when the wall clock in `timeZone` reads `date` at `hour`:00. With the offsets a day
 * before and a day after, the candidates are `wall - before` and `wall - after`; the first that reads back
 * as the wall time wins (the earlier one when the hour repeats); none does in a skipped hour, and
 * `wall - before` is then the instant the clocks jump to plus the skipped minutes.
 */
export function zonedInstant(date: CalendarDate, hour: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour);
  const earlier = wall - offsetAt(wall - DAY_MS, timeZone);
  const later = wall - offsetAt(wall + DAY_MS, timeZone);
  if (readsAs(earlier, wall, timeZone)) return earlier;
  if (readsAs(later, wall, timeZone)) return later;
  return earlier;
}

function readsAs(instant: number, wall: number, timeZone: string): boolean {
  return instant + offsetAt(instant, timeZone) === wall;
}

/** Wall clock minus UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const { year, month, day, hour, minute, second } = wallClock(whole, timeZone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - whole;
}

function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
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

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
