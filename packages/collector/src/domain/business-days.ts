/**
 * Business days (Monday to Friday) on the calendar of a time zone, for escalation windows. Pure; time-zone
 * maths in zoned-time.ts, so a window that spans a daylight-saving change keeps its local time of day.
 */
import { addDays, wallClock, weekday, zonedInstant, type CalendarDate } from './zoned-time.ts';

/**
 * The instant `days` business days after `start` in `timeZone`: the same local time of day, `days` weekdays
 * later. A start on a weekend counts from the following Monday at midnight.
 */
export function addBusinessDays(start: Date, days: number, timeZone: string): Date {
  const { timeOfDay: startTime, ...startDate } = wallClock(start, timeZone);
  let date: CalendarDate = startDate;
  let time = startTime;
  while (isWeekend(date)) {
    date = addDays(date, 1);
    time = 0;
  }
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (!isWeekend(date)) left -= 1;
  }
  return zonedInstant(date, time, timeZone);
}

function isWeekend(date: CalendarDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}
