import { HeedConfigSchema } from '@heed/shared';
import { describe, expect, it } from 'vitest';
import type { SettingsChange } from '../store/settings-repository.ts';
import { effectiveConfig } from './effective-config.ts';

const file = HeedConfigSchema.parse({
  projects: [{ key: 'pk_test', name: 'Test' }],
  surveys: [
    { id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' },
    { id: 'portal-cancel', project: 'pk_test', kind: 'cancel', productArea: 'billing', reasons: [{ id: 'price', label: 'Price' }] },
  ],
});
const change = (version: number, surveyId: string, settings: SettingsChange['settings']): SettingsChange => ({
  version,
  surveyId,
  at: new Date('2026-03-04T10:00:00Z'),
  actor: 'pm',
  settings,
});

describe('the effective config', () => {
  it('is the file itself when nothing was changed', () => {
    const effective = effectiveConfig(file, 0, []);
    expect(effective.config).toBe(file);
    expect(effective.surveys.map((entry) => entry.source)).toEqual(['file', 'file']);
  });

  it('overrides only the tunable fields of surveys the file defines; the file keeps ids, kinds and the rest', () => {
    const effective = effectiveConfig(file, 2, [change(1, 'app-nps', { question: 'Q?', sampleRate: 0.5 }), change(2, 'gone', { active: false })]);
    expect(effective.config.surveys[0]).toEqual({ ...file.surveys[0], question: 'Q?', sampleRate: 0.5 });
    expect(effective.config.surveys[1]).toBe(file.surveys[1]);
    expect(effective.surveys.map((entry) => [entry.survey.id, entry.source])).toEqual([
      ['app-nps', 'console'],
      ['portal-cancel', 'file'],
    ]);
    expect(effective.config.projects).toBe(file.projects);
  });

  it('ignores settings that no longer fit the file (the survey changed kind), saying why', () => {
    const effective = effectiveConfig(file, 1, [change(1, 'portal-cancel', { events: ['x'] })]);
    expect(effective.config.surveys[1]).toBe(file.surveys[1]);
    expect(effective.surveys[1]).toMatchObject({ source: 'file', ignored: expect.stringContaining('events') });
  });
});
