/**
 * The survey settings cases of the Store contract (store-contract.ts runs them on every adapter): versions
 * in one increasing sequence, each survey's latest change, its history newest first, concurrent saves that
 * never share a version, and saves based on a version that another change has since replaced refused.
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
      const versions = saved.map((change) => (change === 'changed' ? 0 : change.version));
      expect(new Set(versions).size).toBe(5);
      await expect(settings.version()).resolves.toBe(Math.max(...versions));
      expect((await settings.current()).changes).toHaveLength(5);
    });

    it("stores a change based on the subject's latest version, and refuses one based on an earlier version", async () => {
      const { settings } = store();
      const change = (actor: string, delayMs: number) => ({ subject: 'nps-main', at: at(delayMs), actor, settings: { delayMs } });
      expect(await settings.save(change('Ana', 1), 0)).toMatchObject({ version: 1, actor: 'Ana' });
      await settings.save({ subject: 'other', at: at(2), actor: 'x', settings: {} });
      // Another subject's change moves the version, not this subject's latest.
      expect(await settings.save(change('Bo', 3), 1)).toMatchObject({ version: 3, actor: 'Bo' });
      expect(await settings.save(change('Ana', 4), 1)).toBe('changed');
      expect(await settings.save(change('Ana', 5), 0)).toBe('changed');
      expect(await settings.save({ subject: 'new-survey', at: at(6), actor: 'Cy', settings: {} }, 3)).toBe('changed');
      expect((await settings.history('nps-main', 10)).map((c) => c.actor)).toEqual(['Bo', 'Ana']);
      await expect(settings.version()).resolves.toBe(3);
    });

    it('of concurrent saves based on the same version stores one, and stores every save based on none', async () => {
      const { settings } = store();
      await settings.save({ subject: 'nps-main', at: at(0), actor: 'first', settings: {} });
      const based = await Promise.all(
        Array.from({ length: 5 }, (_, n) => settings.save({ subject: 'nps-main', at: at(1), actor: `editor-${n}`, settings: { delayMs: n } }, 1)),
      );
      expect(based.filter((outcome) => outcome !== 'changed')).toHaveLength(1);
      const free = await Promise.all(Array.from({ length: 4 }, (_, n) => settings.save({ subject: 'nps-main', at: at(2), actor: `script-${n}`, settings: {} })));
      expect(free.every((outcome) => outcome !== 'changed')).toBe(true);
      const history = await settings.history('nps-main', 10);
      expect(history).toHaveLength(6);
      expect(new Set(history.map((c) => c.version)).size).toBe(6);
    });
  });
}
