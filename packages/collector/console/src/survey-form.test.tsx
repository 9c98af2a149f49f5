import type { Survey } from '@heed/shared';
import { describe, expect, it } from 'vitest';
import { describeSettings, formOf, settingsOf } from './survey-form.ts';

const nps: Survey = {
  id: 'app-nps',
  project: 'pk_demo',
  productArea: 'editor',
  kind: 'nps',
  active: true,
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 1000,
  placement: 'bottom-right',
  events: [],
};
const cancel: Survey = { id: 'portal-cancel', project: 'pk_demo', productArea: 'billing', kind: 'cancel', active: true, reasons: [{ id: 'price', label: 'Price' }] };

describe('the survey form', () => {
  it('sends nothing for a form equal to the file: the survey keeps following it', () => {
    expect(settingsOf(formOf(nps), nps)).toEqual({});
    expect(settingsOf(formOf(cancel), cancel)).toEqual({});
  });

  it('sends only what differs from the file, typed', () => {
    const form = { ...formOf(nps), active: false, question: ' Recommend us? ', events: 'exported, , exported, shared', sampleRate: '0.25' };
    form.followUp = { ...form.followUp, detractor: 'What went wrong?' };
    expect(settingsOf(form, nps)).toEqual({ active: false, question: 'Recommend us?', events: ['exported', 'shared'], sampleRate: 0.25, followUp: { detractor: 'What went wrong?' } });
  });

  it('starts from the effective survey, and an edited reason list is sent whole', () => {
    const edited: Survey = { ...cancel, reasons: [{ id: 'price', label: 'Too expensive' }] };
    const form = formOf(edited);
    expect(settingsOf(form, cancel)).toEqual({ reasons: [{ id: 'price', label: 'Too expensive' }] });
    expect(settingsOf({ ...form, delayMs: 'x' }, cancel)).toEqual({ reasons: [{ id: 'price', label: 'Too expensive' }] });
  });

  it('describes a change line by line', () => {
    expect(describeSettings({})).toEqual(['back to the config file']);
    expect(describeSettings({ active: false, question: 'Q?', events: [] })).toEqual(['not offered', 'question: "Q?"', 'events: none (page load)']);
  });
});
