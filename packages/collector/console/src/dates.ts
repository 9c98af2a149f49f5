/** Dates as the console shows and asks for them. Report periods are UTC days; times show in the viewer's zone. */

const DAY_MS = 24 * 3600 * 1000;

/** The UTC date `days` before `now`, `YYYY-MM-DD`. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/** "6 Mar 2026, 16:05" in the viewer's time zone. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
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
