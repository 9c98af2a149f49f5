/**
 * When weekly digests are due: on a weekday at an hour of the wall clock in a time zone (`config.digest`,
 * default Friday 16:00 UTC). Pure; time-zone maths in zoned-time.ts, so daylight-saving changes move the UTC
 * instant, never the local hour. A due hour the clocks skip (spring forward) is taken as the instant they
 * jump to; an hour they repeat (fall back) as its first occurrence.
 */
import { DigestSettingsSchema, type HeedConfig } from '@heed/shared';
import { addDays, isoDate, wallClock, weekday, zonedInstant, type CalendarDate } from './zoned-time.ts';

export type DigestSettings = NonNullable<HeedConfig['digest']>;
export type Weekday = DigestSettings['weekday'];

/** The configured settings, or the defaults when the config has none. */
export function digestSettings(config: Pick<HeedConfig, 'digest'>): DigestSettings {
  return config.digest ?? DigestSettingsSchema.parse({});
}

const WEEKDAYS: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const HOUR_MS = 3600_000;

/** The first due instant strictly after `now`. */
export function nextDigestAt(settings: DigestSettings, now: Date): Date {
  const today = wallClock(now, settings.timeZone);
  for (let days = 0; days <= 7; days += 1) {
    const due = dueOn(settings, today, days);
    if (due !== undefined && due.getTime() > now.getTime()) return due;
  }
  throw new Error(`no digest due within a week of ${now.toISOString()}`);
}

/** The last due instant at or before `now`. */
export function previousDigestAt(settings: DigestSettings, now: Date): Date {
  const today = wallClock(now, settings.timeZone);
  for (let days = 0; days >= -7; days -= 1) {
    const due = dueOn(settings, today, days);
    if (due !== undefined && due.getTime() <= now.getTime()) return due;
  }
  throw new Error(`no digest due within a week before ${now.toISOString()}`);
}

/** Names a digest period by the local date it is due, `YYYY-MM-DD` (the digest lease key). */
export function digestPeriodKey(settings: DigestSettings, dueAt: Date): string {
  return isoDate(wallClock(dueAt, settings.timeZone));
}

/** The due instant `days` calendar days after `today`, when that day is the digest's weekday. */
function dueOn(settings: DigestSettings, today: CalendarDate, days: number): Date | undefined {
  const date = addDays(today, days);
  if (WEEKDAYS[weekday(date)] !== settings.weekday) return undefined;
  return zonedInstant(date, settings.hour * HOUR_MS, settings.timeZone);
}
