import { describe, expect, it } from 'vitest';
import { parseConfig } from './load-config.ts';

const config = (survey: Record<string, unknown>) =>
  JSON.stringify({
    projects: [{ key: 'pk_test', name: 'Test' }],
    surveys: [{ id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' }, { id: 'export-csat', project: 'pk_test', kind: 'csat', productArea: 'export', ...survey }],
    owners: [{ id: 'pm-export', name: 'Export PM' }],
    routes: [{ when: { kind: 'csat' }, owner: 'pm-export' }],
  });

describe('CSAT surveys in the config', () => {
  it('take the targeting NPS surveys take, with the same defaults', () => {
    const { surveys } = parseConfig(config({}), 'heed.config.json');
    expect(surveys[1]).toEqual({
      id: 'export-csat',
      project: 'pk_test',
      kind: 'csat',
      productArea: 'export',
      active: true,
      recontactDays: 90,
      sampleRate: 1,
      delayMs: 0,
      placement: 'bottom-right',
      events: [],
    });
    const worded = parseConfig(
      config({ question: 'How satisfied are you with exporting?', followUp: 'What would make it better?', events: ['exported'], placement: 'center', sampleRate: 0.5 }),
      'heed.config.json',
    );
    expect(worded.surveys[1]).toMatchObject({ question: 'How satisfied are you with exporting?', followUp: 'What would make it better?', events: ['exported'] });
  });

  it.each([
    [{ sampleRate: 2 }, 'surveys[1].sampleRate'],
    [{ reasons: [{ id: 'x', label: 'X' }] }, 'surveys[1]'],
    [{ followUp: '' }, 'surveys[1].followUp'],
    [{ placement: 'top' }, 'surveys[1].placement'],
  ])('names the path of a mistake: %j', (survey, path) => {
    expect(() => parseConfig(config(survey), 'heed.config.json')).toThrow(new RegExp(`heed\\.config\\.json: ${path.replace(/[.[\]]/g, '\\$&')}`));
  });
});
