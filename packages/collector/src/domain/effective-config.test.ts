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
const change = (version: number, subject: string, settings: SettingsChange['settings']): SettingsChange => ({
  version,
  subject,
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

describe('the effective routing', () => {
  const routed = HeedConfigSchema.parse({
    projects: [{ key: 'pk_test', name: 'Test' }],
    owners: [
      { id: 'pm-a', name: 'A' },
      { id: 'pm-b', name: 'B' },
    ],
    routes: [{ when: { productArea: 'editor' }, owner: 'pm-a' }],
    rotation: { owners: ['pm-a'], every: 'week', startsOn: '2026-01-05' },
    feedbackTypes: [{ id: 'product', label: 'Product', primaryOwner: 'pm-b' }],
  });

  it('replaces each part the settings give, whole, and follows the file for the others', () => {
    const effective = effectiveConfig(routed, 1, [change(1, '#routing', { routes: [{ when: { plan: 'saas' }, owner: 'pm-b' }] })]);
    expect(effective.config.routes).toEqual([{ when: { plan: 'saas' }, owner: 'pm-b' }]);
    expect(effective.config.owners).toEqual(routed.owners);
    expect(effective.config.rotation).toEqual(routed.rotation);
    expect(effective.routing.sources).toEqual({ owners: 'file', routes: 'console', rotation: 'file', feedbackTypes: 'file' });
  });

  it('turns the rotation off with null, and goes back to the file with an empty change', () => {
    const off = effectiveConfig(routed, 1, [change(1, '#routing', { rotation: null })]);
    expect(off.config.rotation).toBeUndefined();
    expect(off.routing.sources.rotation).toBe('console');
    const back = effectiveConfig(routed, 2, [change(2, '#routing', {})]);
    expect(back.config.rotation).toEqual(routed.rotation);
    expect(back.routing.sources).toEqual({ owners: 'file', routes: 'file', rotation: 'file', feedbackTypes: 'file' });
  });

  it('ignores stored owners that leave a name the file still uses unknown, saying which', () => {
    const effective = effectiveConfig(routed, 1, [change(1, '#routing', { owners: [{ id: 'pm-a', name: 'A' }] })]);
    expect(effective.config.owners).toEqual(routed.owners);
    expect(effective.routing.ignored).toMatch(/unknown owner "pm-b"/);
    expect(effective.routing.sources.owners).toBe('file');
  });

  it('sets the primary and secondary DRI of each feedback type', () => {
    const feedbackTypes = [{ id: 'product', label: 'Product', primaryOwner: 'pm-a', secondaryOwner: 'pm-b' }];
    const effective = effectiveConfig(routed, 1, [change(1, '#routing', { feedbackTypes })]);
    expect(effective.config.feedbackTypes).toEqual(feedbackTypes);
    expect(effective.routing.sources.feedbackTypes).toBe('console');
  });
});
