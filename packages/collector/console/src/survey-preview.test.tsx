import type { Survey } from '@heed/shared';
import { describe, expect, it } from 'vitest';
import { formOf } from './survey-form.ts';
import { describeEnd, previewSurvey } from './survey-preview.ts';

const nps: Survey = {
  id: 'app-nps',
  project: 'pk_demo',
  productArea: 'editor',
  kind: 'nps',
  active: true,
  question: 'From the file?',
  followUp: { promoter: 'File promoter?', detractor: 'File detractor?' },
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 1000,
  placement: 'bottom-right',
  events: [],
};
const cancel: Survey = {
  id: 'portal-cancel',
  project: 'pk_demo',
  productArea: 'billing',
  kind: 'cancel',
  active: true,
  reasons: [
    { id: 'price', label: 'Price' },
    { id: 'features', label: 'Features' },
  ],
};

describe('previewSurvey', () => {
  it('is the file itself for a form equal to it', () => {
    expect(previewSurvey(formOf(nps), nps)).toEqual(nps);
    expect(previewSurvey(formOf(cancel), cancel)).toEqual(cancel);
  });

  it('shows the form as it stands, as it would be served once saved: an empty field falls back to the file', () => {
    const form = { ...formOf(nps), question: ' Recommend the editor? ', placement: 'center' };
    form.followUp = { ...form.followUp, promoter: 'What do you love?' };
    expect(previewSurvey(form, nps)).toMatchObject({ question: 'Recommend the editor?', placement: 'center', followUp: { promoter: 'What do you love?', detractor: 'File detractor?' } });
    expect(previewSurvey({ ...form, question: '   ' }, nps).question).toBe('From the file?');
    const { question: _, ...builtIn } = nps;
    expect(previewSurvey({ ...formOf(builtIn as Survey), question: '' }, builtIn as Survey).question).toBeUndefined();
  });

  it('leaves out reasons without a label yet, and gives one without a usable id an id of its own', () => {
    const form = formOf(cancel);
    form.reasons = [
      { id: 'price', label: 'The price went up ' },
      { id: 'price', label: 'Twice' },
      { id: '', label: 'No id yet' },
      { id: 'new', label: '  ' },
    ];
    const survey = previewSurvey(form, cancel);
    expect(survey.kind === 'cancel' && survey.reasons).toEqual([
      { id: 'price', label: 'The price went up' },
      { id: 'reason-2-unsaved', label: 'Twice' },
      { id: 'reason-3-unsaved', label: 'No id yet' },
    ]);
  });
});

describe('describeEnd', () => {
  it('says what was not sent, with the reasons by label', () => {
    expect(describeEnd({ answers: { score: 9, comment: 'Fast' } }, nps)).toBe('Not sent: score 9, comment "Fast".');
    expect(describeEnd({ answers: { reason: 'price' } }, cancel)).toBe('Not sent: reason "Price".');
    expect(describeEnd({ answers: { reasons: ['price', 'features'] } }, { ...cancel, kind: 'uninstall' })).toBe('Not sent: reasons "Price", "Features".');
  });

  it('says how it was closed', () => {
    expect(describeEnd({ closed: 'dismissed' }, nps)).toBe('Closed without an answer.');
    expect(describeEnd({ closed: 'snoozed' }, nps)).toContain('Ask me later');
  });
});
