/**
 * The survey settings cases of the Store contract (store-contract.ts runs them on every adapter): versions
 * in one increasing sequence, each survey's latest change, its history newest first, concurrent saves that
 * never share a version.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { at } from './store-fixtures.ts';


export function settingsCases(store: () => Store): void {
  describe('survey settings', () => {
    it('starts at version 0 with no changes', async () => {
      await expect(store().settings.version()).resolves.toBe(0);
      await expect(store().settings.current()).resolves.toEqual({ version: 0, changes: [] });
      await expect(store().settings.history('nps-main', 10)).resolves.toEqual([]);
    });

    it('numbers changes in one sequence and answers each survey latest change, with its time and actor', async () => {
      const { settings } = store();
      const first = await settings.save({ subject: 'nps-main', at: at(1), actor: 'Ana', settings: { question: 'How likely?' } });
      expect(first).toEqual({ version: 1, subject: 'nps-main', at: at(1), actor: 'Ana', settings: { question: 'How likely?' } });
      await settings.save({ subject: 'portal-cancel', at: at(2), actor: 'Bo', settings: { reasons: [{ id: 'price', label: 'Too expensive' }] } });
      await settings.save({ subject: 'nps-main', at: at(3), actor: 'Bo', settings: { active: false, followUp: { detractor: 'What went wrong?' } } });
      await expect(settings.version()).resolves.toBe(3);
      const current = await settings.current();
      expect(current.version).toBe(3);
      expect(current.changes).toEqual([
        { version: 3, subject: 'nps-main', at: at(3), actor: 'Bo', settings: { active: false, followUp: { detractor: 'What went wrong?' } } },
        { version: 2, subject: 'portal-cancel', at: at(2), actor: 'Bo', settings: { reasons: [{ id: 'price', label: 'Too expensive' }] } },
      ]);
    });

    it('keeps every change of a survey, newest first, up to a limit', async () => {
      const { settings } = store();
      for (let n = 1; n <= 4; n += 1) await settings.save({ subject: 'nps-main', at: at(n), actor: `pm-${n}`, settings: { sampleRate: n / 10 } });
      await settings.save({ subject: 'other', at: at(9), actor: 'x', settings: {} });
      const history = await settings.history('nps-main', 3);
      expect(history.map((change) => [change.version, change.actor, change.settings])).toEqual([
        [4, 'pm-4', { sampleRate: 0.4 }],
        [3, 'pm-3', { sampleRate: 0.3 }],
        [2, 'pm-2', { sampleRate: 0.2 }],
      ]);
    });

    it('gives concurrent saves distinct versions', async () => {
      const { settings } = store();
      const saved = await Promise.all(
        Array.from({ length: 5 }, (_, n) => settings.save({ subject: `s-${n}`, at: at(n), actor: 'pm', settings: { delayMs: n } })),
      );
      expect(new Set(saved.map((change) => change.version)).size).toBe(5);
      await expect(settings.version()).resolves.toBe(Math.max(...saved.map((change) => change.version)));
      expect((await settings.current()).changes).toHaveLength(5);
    });
  });
}
