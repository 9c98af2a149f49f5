/** Dates as the console shows and asks for them. Report periods are UTC days; times show in the viewer's zone and locale. */

const DAY_MS = 24 * 3600 * 1000;

/** The UTC date `days` before `now`, `YYYY-MM-DD`. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month `months` before `now`'s UTC month, `YYYY-MM-01`. */
export function monthStartBefore(now: Date, months: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
}

/** The `count` months ending with `now`'s, oldest first, `YYYY-MM`. */
export function trailingMonths(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => monthStartBefore(now, count - 1 - index).slice(0, 7));
}

/** "6 Mar 2026, 16:05" in the viewer's time zone and locale. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "6 Mar 2026" in the viewer's time zone and locale. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A report period (`2026-03-02`) or month (`2026-03`) as "2 Mar 2026" / "Mar 2026", read in UTC. */
export function formatPeriod(period: string): string {
  const month = period.length === 7;
  return new Date(`${month ? `${period}-01` : period}T00:00:00Z`).toLocaleDateString(undefined, {
    timeZone: 'UTC',
    ...(month ? {} : { day: 'numeric' }),
    month: 'short',
    year: 'numeric',
  });
}

/** A month `YYYY-MM` as "Mar" (or "Mar 2026" with `year`), read in UTC. */
export function formatMonth(month: string, year = false): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', month: 'short', ...(year ? { year: 'numeric' } : {}) });
}

/** A UTC day `YYYY-MM-DD` as "2 Mar", without the year. */
export function formatDayMonth(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { timeZone: 'UTC', day: 'numeric', month: 'short' });
}

/** The ISO 8601 week number (1-53) of a UTC day `YYYY-MM-DD`: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(day: string): number {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
  const firstOfYear = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - firstOfYear) / DAY_MS / 7) + 1;
}
