import { HeedConfigSchema } from '@heed/shared';
import { describe, expect, it, vi } from 'vitest';
import type { SettingsChange, SettingsRepository } from '../store/settings-repository.ts';
import { LiveSettings } from './settings.ts';

const file = HeedConfigSchema.parse({
  projects: [{ key: 'pk_test', name: 'Test' }],
  surveys: [{ id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' }],
});

/** Settings in memory, counting how often the whole set is read. */
function memorySettings() {
  const changes: SettingsChange[] = [];
  let reads = 0;
  let down = false;
  const repository: SettingsRepository = {
    async version() {
      if (down) throw new Error('store down');
      return changes.length;
    },
    async save(change) {
      const saved = { ...change, version: changes.length + 1 };
      changes.push(saved);
      return saved;
    },
    async current() {
      reads += 1;
      const latest = new Map(changes.map((change) => [change.subject, change]));
      return { version: changes.length, changes: [...latest.values()] };
    },
    async history(subject, limit) {
      return changes.filter((change) => change.subject === subject).reverse().slice(0, limit);
    },
  };
  return { repository, reads: () => reads, setDown: (value: boolean) => (down = value), changes };
}

describe('live survey settings', () => {
  it('re-reads only when the version moved, and tells listeners of the new config', async () => {
    const memory = memorySettings();
    const live = new LiveSettings({ file, settings: memory.repository });
    expect(await live.refresh()).toBe(false);
    expect(live.config).toBe(file);
    const listener = vi.fn();
    live.onChange(listener);
    await live.save('app-nps', { question: 'Q?' }, 'pm', new Date(0));
    expect(live.config.surveys[0]).toMatchObject({ question: 'Q?' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(await live.refresh()).toBe(false);
    expect(memory.reads()).toBe(1);
  });

  it('picks up a change another collector stored, and keeps the last config while the store is down', async () => {
    const memory = memorySettings();
    const live = new LiveSettings({ file, settings: memory.repository });
    memory.changes.push({ version: 1, subject: 'app-nps', at: new Date(0), actor: 'pm', settings: { active: false } });
    expect(await live.refresh()).toBe(true);
    expect(live.config.surveys[0]?.active).toBe(false);
    memory.setDown(true);
    await expect(live.refresh()).rejects.toThrow('store down');
    expect(live.config.surveys[0]?.active).toBe(false);
  });

  it('refuses settings for a survey the file does not define, or that make an invalid survey, storing nothing', async () => {
    const memory = memorySettings();
    const live = new LiveSettings({ file, settings: memory.repository });
    await expect(live.save('gone', { active: false }, 'pm', new Date(0))).rejects.toMatchObject({ code: 'HEED_ERR_NOT_FOUND' });
    await expect(live.save('app-nps', { reasons: [{ id: 'x', label: 'X' }] }, 'pm', new Date(0))).rejects.toMatchObject({ code: 'HEED_ERR_VALIDATION' });
    expect(memory.changes).toEqual([]);
  });

  it('saves routing settings: an owner given without its secret keeps it; an invalid config stores nothing', async () => {
    const memory = memorySettings();
    const withOwners = HeedConfigSchema.parse({
      ...file,
      owners: [{ id: 'pm-a', name: 'A', webhookUrl: 'https://hooks.example.com/a', webhookSecret: 'a-secret-of-16-chars' }],
      routes: [{ when: {}, owner: 'pm-a' }],
    });
    const live = new LiveSettings({ file: withOwners, settings: memory.repository });
    await live.saveRouting({ owners: [{ id: 'pm-a', name: 'Ana', webhookUrl: 'https://hooks.example.com/new' }] }, 'pm', new Date(0));
    expect(live.config.owners).toEqual([{ id: 'pm-a', name: 'Ana', webhookUrl: 'https://hooks.example.com/new', webhookSecret: 'a-secret-of-16-chars' }]);
    await expect(live.saveRouting({ routes: [{ when: {}, owner: 'nobody' }] }, 'pm', new Date(0))).rejects.toMatchObject({
      code: 'HEED_ERR_VALIDATION',
      message: expect.stringContaining('routes.0.owner: unknown owner "nobody"'),
    });
    await expect(
      live.saveRouting({ owners: [{ id: 'pm-b', name: 'B', webhookUrl: 'https://hooks.example.com/b' }] }, 'pm', new Date(0)),
    ).rejects.toMatchObject({ code: 'HEED_ERR_VALIDATION' });
    expect(memory.changes).toHaveLength(1);
    expect((await live.routingHistory(10)).map((change) => change.actor)).toEqual(['pm']);
  });
});
