/**
 * When may the widget put a survey in front of someone? Pure functions over a small display memory,
 * shared by the browser (so they stay tiny and zod-free) and tests. heed.js bundles `blockingRule` and
 * `samplingRoll` only: the rule names and the record functions stay out of it.
 */

/** Default days before the same person is asked the same survey again. */
export const DEFAULT_RECONTACT_DAYS = 90;
/** Default days after any survey of a project is shown before another may be. */
export const DEFAULT_COOLDOWN_DAYS = 30;
/** "Ask me later" brings a survey back after this many days. */
export const SNOOZE_DAYS = 3;

const DAY_MS = 86_400_000;

/**
 * What is known about one person's displays in a project, as epoch milliseconds. The browser keeps it
 * in localStorage, so every field may be missing from what it reads back: missing means never.
 */
export interface DisplayMemory {
  /** Last time each survey was shown, by survey id. */
  shown?: Record<string, number>;
  /** Last time any survey of the project was shown. */
  anyShown?: number;
  /** When the person last chose "ask me later", by survey id. */
  snoozed?: Record<string, number>;
}

/**
 * The seen record: the collector's view of one person's displays, sent with the survey list
 * (`PublicSurveysBody.seen`) as ISO timestamps, so recontact windows and the cooldown hold across devices.
 */
export interface SeenRecord {
  /** When each survey was last shown to them, by survey id. */
  lastShownAt: Record<string, string>;
  /** When any survey of the project was last shown to them; null when never. */
  lastAnyShownAt: string | null;
}
/** @deprecated The same as `SeenRecord`. */
export type SeenByCollector = SeenRecord;

/** The survey settings eligibility reads. */
export interface EligibilitySettings {
  id: string;
  recontactDays?: number;
  sampleRate?: number;
}

/**
 * The rules in the order they are checked, by the number `blockingRule()` returns: `due` (0) when none
 * holds. A bundle that only asks whether a survey is due carries none of these names.
 */
export const ELIGIBILITY = ['due', 'snoozed', 'recontact', 'cooldown', 'sampled-out'] as const;
export type Eligibility = (typeof ELIGIBILITY)[number];
// Their indexes, which the minifier inlines.
const DUE = 0;
const SNOOZED = 1;
const RECONTACT = 2;
const COOLDOWN = 3;
const SAMPLED_OUT = 4;

/** A display kept in memory: `recordShown` or `recordSnoozed`. */
export type DisplayRecord = (memory: DisplayMemory, surveyId: string, now: number) => DisplayMemory;

export function recordShown(memory: DisplayMemory, surveyId: string, now: number): DisplayMemory {
  return { ...memory, shown: { ...memory.shown, [surveyId]: now }, anyShown: now };
}

export function recordSnoozed(memory: DisplayMemory, surveyId: string, now: number): DisplayMemory {
  return { ...memory, snoozed: { ...memory.snoozed, [surveyId]: now } };
}

/**
 * A stable number in [0, 1) for one person and one survey (FNV-1a), so sampling keeps the same
 * people in or out of a survey on every visit, independently per survey.
 */
export function samplingRoll(person: string, surveyId: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${surveyId}:${person}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0) / 2 ** 32;
}

/** The latest of a time in local memory and the same time as the collector has it; unparseable times count as never. */
function latest(local: number, collector: string | null | undefined): number {
  return Math.max(local, Date.parse(collector || '') || 0);
}

/**
 * The first rule that keeps a survey from this person now, as an index into ELIGIBILITY; 0, falsy,
 * when the survey is due. The rules, in order:
 * - `snoozed`: they chose "ask me later" less than SNOOZE_DAYS ago. Once that passes, the survey is due
 *   again without waiting for the recontact window or the cooldown its own snoozed showing started.
 * - `recontact`: this survey was shown less than `recontactDays` ago.
 * - `cooldown`: any survey of the project was shown less than `cooldownDays` ago.
 * - `sampled-out`: the person's roll is not under `sampleRate`.
 * Showings count from local memory and from the collector's record, whichever is later, so another
 * device's showing counts too.
 */
export function blockingRule(
  survey: EligibilitySettings,
  cooldownDays: number | undefined,
  memory: DisplayMemory,
  seen: SeenRecord | undefined,
  now: number,
  roll: number,
): number {
  const lastShown = latest(memory.shown?.[survey.id] || 0, seen?.lastShownAt[survey.id]);
  const anyShown = latest(memory.anyShown || 0, seen?.lastAnyShownAt);
  const snoozedAt = memory.snoozed?.[survey.id] || 0;
  // The latest showing of this survey ended with "ask me later".
  const resumesAfterSnooze = snoozedAt >= lastShown && snoozedAt > 0;
  if (resumesAfterSnooze) {
    if (now < snoozedAt + SNOOZE_DAYS * DAY_MS) return SNOOZED;
  } else if (now < lastShown + (survey.recontactDays ?? DEFAULT_RECONTACT_DAYS) * DAY_MS) {
    return RECONTACT;
  }
  const cooldownCountsFrom = resumesAfterSnooze && anyShown <= snoozedAt ? 0 : anyShown;
  if (now < cooldownCountsFrom + (cooldownDays ?? DEFAULT_COOLDOWN_DAYS) * DAY_MS) return COOLDOWN;
  return roll < (survey.sampleRate ?? 1) ? DUE : SAMPLED_OUT;
}

/** `blockingRule()` by name, for tests and diagnostics. */
export function eligibility(...args: Parameters<typeof blockingRule>): Eligibility {
  return ELIGIBILITY[blockingRule(...args)]!;
}
