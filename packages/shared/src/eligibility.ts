/**
 * When may the widget put a survey in front of someone? Pure functions over a small display memory,
 * shared by the browser loader (which bundles this file, so it stays tiny and zod-free) and tests.
 */

/** Default days before the same person is asked the same survey again. */
export const DEFAULT_RECONTACT_DAYS = 90;
/** Default days after any survey of a project is shown before another may be. */
export const DEFAULT_COOLDOWN_DAYS = 30;
/** "Ask me later" brings a survey back after this many days. */
export const SNOOZE_DAYS = 3;

const DAY_MS = 86_400_000;

/** What is known about one person's displays in a project, as epoch milliseconds. */
export interface DisplayMemory {
  /** Last time each survey was shown, by survey id. */
  shown: Record<string, number>;
  /** Last time any survey of the project was shown. */
  anyShown: number;
  /** When the person last chose "ask me later", by survey id. */
  snoozed: Record<string, number>;
}

/** The collector's view of the same person, from `PublicSurveysBody.seen` (ISO timestamps). */
export interface SeenByCollector {
  lastShownAt: Record<string, string>;
  lastAnyShownAt: string | null;
}

/** The survey settings eligibility reads. */
export interface EligibilitySettings {
  id: string;
  recontactDays?: number;
  sampleRate?: number;
}

export type Eligibility = 'due' | 'recontact' | 'cooldown' | 'snoozed' | 'sampled-out';

export function emptyMemory(): DisplayMemory {
  return { shown: {}, anyShown: 0, snoozed: {} };
}

/** Local memory and the collector's record combined: the latest time wins, unparseable times are ignored. */
export function mergeSeen(memory: DisplayMemory, seen: SeenByCollector | undefined): DisplayMemory {
  if (!seen) return memory;
  const shown = { ...memory.shown };
  for (const [id, at] of Object.entries(seen.lastShownAt)) shown[id] = Math.max(shown[id] || 0, Date.parse(at) || 0);
  return {
    shown,
    anyShown: Math.max(memory.anyShown, Date.parse(seen.lastAnyShownAt || '') || 0),
    snoozed: memory.snoozed,
  };
}

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

/**
 * Whether a survey is due for this person now:
 * - `snoozed`: they chose "ask me later" less than SNOOZE_DAYS ago. Once that passes, the survey is due
 *   again without waiting for the recontact window or the cooldown its own snoozed showing started.
 * - `recontact`: this survey was shown less than `recontactDays` ago.
 * - `cooldown`: any survey of the project was shown less than `cooldownDays` ago.
 * - `sampled-out`: the person's roll is not under `sampleRate`.
 */
export function eligibility(
  survey: EligibilitySettings,
  cooldownDays: number | undefined,
  memory: DisplayMemory,
  now: number,
  roll: number,
): Eligibility {
  const lastShown = memory.shown[survey.id] || 0;
  const snoozedAt = memory.snoozed[survey.id] || 0;
  // The latest showing of this survey ended with "ask me later".
  const resumesAfterSnooze = snoozedAt >= lastShown && snoozedAt > 0;
  if (resumesAfterSnooze) {
    if (now < snoozedAt + SNOOZE_DAYS * DAY_MS) return 'snoozed';
  } else if (now < lastShown + (survey.recontactDays ?? DEFAULT_RECONTACT_DAYS) * DAY_MS) {
    return 'recontact';
  }
  const cooldownCountsFrom = resumesAfterSnooze && memory.anyShown <= snoozedAt ? 0 : memory.anyShown;
  if (now < cooldownCountsFrom + (cooldownDays ?? DEFAULT_COOLDOWN_DAYS) * DAY_MS) return 'cooldown';
  return roll < (survey.sampleRate ?? 1) ? 'due' : 'sampled-out';
}
