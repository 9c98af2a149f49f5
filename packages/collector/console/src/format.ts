/** Numbers in the viewer's locale (Intl): counts, shares and NPS values. */

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const nps = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const precisePercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** 1,234 */
export function formatCount(value: number): string {
  return count.format(value);
}

/** +25, -7.5, 0; "n/a" without a value. */
export function formatNps(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : nps.format(value);
}

/** A 0..1 share as 42% (one decimal below 10%). */
export function formatShare(ratio: number): string {
  return ratio > 0 && ratio < 0.1 ? precisePercent.format(ratio) : percent.format(ratio);
}

/** `part / whole` as a share, 0% when the whole is 0. */
export function share(part: number, whole: number): string {
  return formatShare(whole === 0 ? 0 : part / whole);
}
