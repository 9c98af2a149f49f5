import { describe, expect, it } from 'vitest';
import {
  type DisplayMemory,
  SNOOZE_DAYS,
  eligibility,
  emptyMemory,
  mergeSeen,
  recordShown,
  recordSnoozed,
  samplingRoll,
} from './eligibility.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');
const nps = { id: 'app-nps', recontactDays: 90, sampleRate: 1 };

describe('eligibility', () => {
  it('is due for someone never asked', () => {
    expect(eligibility(nps, 30, emptyMemory(), NOW, 0.5)).toBe('due');
  });

  it('holds the recontact window per survey, with 90 days by default', () => {
    const memory = recordShown(emptyMemory(), 'app-nps', NOW - 89 * DAY);
    expect(eligibility(nps, 0, memory, NOW, 0)).toBe('recontact');
    expect(eligibility({ id: 'app-nps' }, 0, memory, NOW, 0)).toBe('recontact');
    expect(eligibility(nps, 0, memory, NOW + DAY, 0)).toBe('due');
    expect(eligibility({ ...nps, recontactDays: 0 }, 0, memory, NOW, 0)).toBe('due');
  });

  it('holds the project cooldown across surveys, with 30 days by default', () => {
    const memory = recordShown(emptyMemory(), 'other-survey', NOW - 29 * DAY);
    expect(eligibility(nps, 30, memory, NOW, 0)).toBe('cooldown');
    expect(eligibility(nps, undefined, memory, NOW, 0)).toBe('cooldown');
    expect(eligibility(nps, 30, memory, NOW + DAY, 0)).toBe('due');
    expect(eligibility(nps, 0, memory, NOW, 0)).toBe('due');
  });

  it('samples by the person roll', () => {
    const half = { ...nps, sampleRate: 0.5 };
    expect(eligibility(half, 30, emptyMemory(), NOW, 0.49)).toBe('due');
    expect(eligibility(half, 30, emptyMemory(), NOW, 0.5)).toBe('sampled-out');
    expect(eligibility({ ...nps, sampleRate: 0 }, 30, emptyMemory(), NOW, 0)).toBe('sampled-out');
  });

  it('brings a snoozed survey back after the snooze, ahead of its recontact window and its own cooldown', () => {
    const shown = recordShown(emptyMemory(), 'app-nps', NOW);
    const snoozed = recordSnoozed(shown, 'app-nps', NOW + 5_000);
    expect(eligibility(nps, 30, snoozed, NOW + DAY, 0)).toBe('snoozed');
    expect(eligibility(nps, 30, snoozed, NOW + SNOOZE_DAYS * DAY + 5_000, 0)).toBe('due');
  });

  it('keeps the cooldown of another survey shown after the snooze', () => {
    const snoozed = recordSnoozed(recordShown(emptyMemory(), 'app-nps', NOW), 'app-nps', NOW + 5_000);
    const otherShown = recordShown(snoozed, 'feature-nps', NOW + DAY);
    expect(eligibility(nps, 30, otherShown, NOW + SNOOZE_DAYS * DAY + 5_000, 0)).toBe('cooldown');
  });

  it('applies the recontact window again once the snoozed survey is shown anew', () => {
    const snoozed = recordSnoozed(recordShown(emptyMemory(), 'app-nps', NOW), 'app-nps', NOW + 5_000);
    const reshown = recordShown(snoozed, 'app-nps', NOW + SNOOZE_DAYS * DAY + 10_000);
    expect(eligibility(nps, 0, reshown, NOW + 10 * DAY, 0)).toBe('recontact');
  });
});

describe('mergeSeen', () => {
  it('takes the latest of local memory and the collector, per survey and across the project', () => {
    const local: DisplayMemory = recordShown(emptyMemory(), 'app-nps', NOW - 10 * DAY);
    const merged = mergeSeen(local, {
      lastShownAt: { 'app-nps': new Date(NOW - 20 * DAY).toISOString(), 'feature-nps': new Date(NOW - DAY).toISOString() },
      lastAnyShownAt: new Date(NOW - DAY).toISOString(),
    });
    expect(merged.shown).toEqual({ 'app-nps': NOW - 10 * DAY, 'feature-nps': NOW - DAY });
    expect(merged.anyShown).toBe(NOW - DAY);
  });

  it('shows on another device count against this one', () => {
    const merged = mergeSeen(emptyMemory(), {
      lastShownAt: { 'app-nps': new Date(NOW - DAY).toISOString() },
      lastAnyShownAt: new Date(NOW - DAY).toISOString(),
    });
    expect(eligibility(nps, 0, merged, NOW, 0)).toBe('recontact');
  });

  it('ignores unparseable times and a missing record', () => {
    const local = recordShown(emptyMemory(), 'app-nps', NOW);
    expect(mergeSeen(local, undefined)).toBe(local);
    expect(mergeSeen(local, { lastShownAt: { 'app-nps': 'not a date' }, lastAnyShownAt: null })).toEqual(local);
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
