import { describe, expect, it } from 'vitest';
import { ELIGIBILITY, SNOOZE_DAYS, blockingRule, eligibility, recordShown, recordSnoozed, samplingRoll } from './eligibility.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');
const nps = { id: 'app-nps', recontactDays: 90, sampleRate: 1 };

describe('eligibility', () => {
  it('is due for someone never asked', () => {
    expect(eligibility(nps, 30, {}, undefined, NOW, 0.5)).toBe('due');
  });

  it('holds the recontact window per survey, with 90 days by default', () => {
    const memory = recordShown({}, 'app-nps', NOW - 89 * DAY);
    expect(eligibility(nps, 0, memory, undefined, NOW, 0)).toBe('recontact');
    expect(eligibility({ id: 'app-nps' }, 0, memory, undefined, NOW, 0)).toBe('recontact');
    expect(eligibility(nps, 0, memory, undefined, NOW + DAY, 0)).toBe('due');
    expect(eligibility({ ...nps, recontactDays: 0 }, 0, memory, undefined, NOW, 0)).toBe('due');
  });

  it('holds the recontact window past the default cooldown, which alone would let the survey show', () => {
    const memory = recordShown({}, 'app-nps', NOW - 40 * DAY);
    expect(eligibility(nps, undefined, memory, undefined, NOW, 0)).toBe('recontact');
    const seen = { lastShownAt: { 'app-nps': new Date(NOW - 40 * DAY).toISOString() }, lastAnyShownAt: new Date(NOW - 40 * DAY).toISOString() };
    expect(eligibility(nps, undefined, {}, seen, NOW, 0)).toBe('recontact');
    expect(eligibility(nps, undefined, {}, seen, NOW + 51 * DAY, 0)).toBe('due');
  });

  it('holds the project cooldown across surveys, with 30 days by default', () => {
    const memory = recordShown({}, 'other-survey', NOW - 29 * DAY);
    expect(eligibility(nps, 30, memory, undefined, NOW, 0)).toBe('cooldown');
    expect(eligibility(nps, undefined, memory, undefined, NOW, 0)).toBe('cooldown');
    expect(eligibility(nps, 30, memory, undefined, NOW + DAY, 0)).toBe('due');
    expect(eligibility(nps, 0, memory, undefined, NOW, 0)).toBe('due');
  });

  it('samples by the person roll', () => {
    const half = { ...nps, sampleRate: 0.5 };
    expect(eligibility(half, 30, {}, undefined, NOW, 0.49)).toBe('due');
    expect(eligibility(half, 30, {}, undefined, NOW, 0.5)).toBe('sampled-out');
    expect(eligibility({ ...nps, sampleRate: 0 }, 30, {}, undefined, NOW, 0)).toBe('sampled-out');
  });

  it('brings a snoozed survey back after the snooze, ahead of its recontact window and its own cooldown', () => {
    const shown = recordShown({}, 'app-nps', NOW);
    const snoozed = recordSnoozed(shown, 'app-nps', NOW + 5_000);
    expect(eligibility(nps, 30, snoozed, undefined, NOW + DAY, 0)).toBe('snoozed');
    expect(eligibility(nps, 30, snoozed, undefined, NOW + SNOOZE_DAYS * DAY + 5_000, 0)).toBe('due');
  });

  it('keeps the cooldown of another survey shown after the snooze', () => {
    const snoozed = recordSnoozed(recordShown({}, 'app-nps', NOW), 'app-nps', NOW + 5_000);
    const otherShown = recordShown(snoozed, 'feature-nps', NOW + DAY);
    expect(eligibility(nps, 30, otherShown, undefined, NOW + SNOOZE_DAYS * DAY + 5_000, 0)).toBe('cooldown');
  });

  it('applies the recontact window again once the snoozed survey is shown anew', () => {
    const snoozed = recordSnoozed(recordShown({}, 'app-nps', NOW), 'app-nps', NOW + 5_000);
    const reshown = recordShown(snoozed, 'app-nps', NOW + SNOOZE_DAYS * DAY + 10_000);
    expect(eligibility(nps, 0, reshown, undefined, NOW + 10 * DAY, 0)).toBe('recontact');
  });
});

describe("the collector's record", () => {
  const iso = (at: number) => new Date(at).toISOString();

  it('counts showings on another device against this one', () => {
    const seen = { lastShownAt: { 'app-nps': iso(NOW - DAY) }, lastAnyShownAt: iso(NOW - DAY) };
    expect(eligibility(nps, 0, {}, seen, NOW, 0)).toBe('recontact');
    expect(eligibility({ ...nps, id: 'feature-nps' }, 30, {}, seen, NOW, 0)).toBe('cooldown');
  });

  it('takes the latest of local memory and the collector, per survey and across the project', () => {
    const local = recordShown({}, 'app-nps', NOW - 20 * DAY);
    const seen = { lastShownAt: { 'app-nps': iso(NOW - 100 * DAY) }, lastAnyShownAt: iso(NOW - 100 * DAY) };
    expect(eligibility(nps, 30, local, seen, NOW, 0)).toBe('recontact');
    expect(eligibility({ ...nps, recontactDays: 10 }, 30, local, seen, NOW, 0)).toBe('cooldown');
    expect(eligibility({ ...nps, recontactDays: 10 }, 10, local, seen, NOW, 0)).toBe('due');
    const later = { lastShownAt: { 'app-nps': iso(NOW - 5 * DAY) }, lastAnyShownAt: iso(NOW - 5 * DAY) };
    expect(eligibility({ ...nps, recontactDays: 10 }, 1, local, later, NOW, 0)).toBe('recontact');
    expect(eligibility({ ...nps, recontactDays: 1 }, 10, local, later, NOW, 0)).toBe('cooldown');
  });

  it('does not cut a snooze short by an older showing it records', () => {
    const snoozed = recordSnoozed(recordShown({}, 'app-nps', NOW), 'app-nps', NOW + 5_000);
    const seen = { lastShownAt: { 'app-nps': iso(NOW) }, lastAnyShownAt: iso(NOW) };
    expect(eligibility(nps, 30, snoozed, seen, NOW + DAY, 0)).toBe('snoozed');
    expect(eligibility(nps, 30, snoozed, seen, NOW + SNOOZE_DAYS * DAY + 5_000, 0)).toBe('due');
  });

  it('ignores unparseable times and a missing record', () => {
    const seen = { lastShownAt: { 'app-nps': 'not a date' }, lastAnyShownAt: null };
    expect(eligibility(nps, 30, {}, seen, NOW, 0)).toBe('due');
    expect(eligibility(nps, 30, {}, { lastShownAt: {}, lastAnyShownAt: 'not a date' }, NOW, 0)).toBe('due');
  });
});

describe('display memory', () => {
  it('reads whatever storage gave back, missing fields as never', () => {
    expect(eligibility(nps, 30, { shown: { 'app-nps': NOW - DAY } }, undefined, NOW, 0)).toBe('recontact');
    expect(eligibility(nps, 30, { anyShown: NOW - DAY }, undefined, NOW, 0)).toBe('cooldown');
    expect(eligibility(nps, 30, { snoozed: { 'app-nps': NOW - DAY } }, undefined, NOW, 0)).toBe('snoozed');
  });

  it('records a showing for the survey and the project, and a snooze for the survey', () => {
    const shown = recordShown({ shown: { other: 1 }, anyShown: 1 }, 'app-nps', NOW);
    expect(shown).toEqual({ shown: { other: 1, 'app-nps': NOW }, anyShown: NOW });
    expect(recordSnoozed(shown, 'app-nps', NOW + 1)).toEqual({ ...shown, snoozed: { 'app-nps': NOW + 1 } });
  });
});

describe('blockingRule', () => {
  it('is 0, falsy, exactly when the survey is due, and else indexes the rule by name', () => {
    expect(blockingRule(nps, 30, {}, undefined, NOW, 0)).toBe(0);
    expect(ELIGIBILITY[0]).toBe('due');
    const shown = recordShown({}, 'app-nps', NOW);
    expect(ELIGIBILITY[blockingRule(nps, 30, shown, undefined, NOW, 0)]).toBe('recontact');
    expect(blockingRule({ ...nps, sampleRate: 0 }, 30, {}, undefined, NOW, 0)).not.toBe(0);
  });
});

describe('samplingRoll', () => {
  it('is stable per person and survey, and in [0, 1)', () => {
    expect(samplingRoll('u_1', 'app-nps')).toBe(samplingRoll('u_1', 'app-nps'));
    expect(samplingRoll('u_1', 'app-nps')).not.toBe(samplingRoll('u_1', 'other'));
    for (let i = 0; i < 200; i += 1) {
      const roll = samplingRoll(`user-${i}`, 'app-nps');
      expect(roll).toBeGreaterThanOrEqual(0);
      expect(roll).toBeLessThan(1);
    }
  });

  it('spreads people evenly enough that a sample rate keeps about that share', () => {
    const people = Array.from({ length: 2000 }, (_, i) => `person-${i}`);
    const kept = people.filter((person) => samplingRoll(person, 'app-nps') < 0.25).length;
    expect(kept / people.length).toBeGreaterThan(0.2);
    expect(kept / people.length).toBeLessThan(0.3);
  });
});
