/** The inbox views' pure parts: queries from the URL, case rows, the quick entry's draft and shortcut, labels. */
import { describe, expect, it } from 'vitest';
import type { CatalogView, PresentedItem } from '../item-types.ts';
import { answerLine, entryPath, feedbackTypeLabel, ownerName } from '../use-inbox-catalog.ts';
import { caseFeedbackQuery, caseRow } from './case-feedback-page.tsx';
import { customerText, inboxQuery } from './inbox-page.tsx';
import { detailName, itemRoutingReason } from './item-page.tsx';
import { feedbackDraft, isLogFeedbackShortcut } from './log-feedback.tsx';

const now = new Date('2026-03-15T12:00:00Z');

const item = (fields: Partial<PresentedItem> = {}): PresentedItem => ({
  id: 'i1',
  source: 'case',
  sourceId: '1001',
  text: 'Bulk merge please',
  customer: {},
  links: [],
  details: {},
  occurredAt: '2026-03-14T10:00:00.000Z',
  receivedAt: '2026-03-14T10:00:00.000Z',
  routing: { status: 'routed', owner: 'pm-growth', reason: 'feedback-type:case-logic' },
  triage: { status: 'new', tags: [], history: [] },
  ...fields,
});

const catalog: CatalogView = {
  surveys: [{ id: 'portal-cancel', project: 'pk', kind: 'cancel', productArea: 'billing', reasons: [{ id: 'too-expensive', label: 'Too expensive' }] }],
  owners: [{ id: 'pm-growth', name: 'Growth PM' }],
  feedbackTypes: [{ id: 'case-logic', label: 'Case logic' }],
  sources: ['survey', 'case'],
};

describe('inboxQuery', () => {
  it('maps the URL filters to the API, "mine" to my owner id, a range to a from date', () => {
    const params = new URLSearchParams('source=case&type=case-logic&owner=mine&status=new&plan=saas&region=EMEA&q=merge&range=7');
    expect(inboxQuery(params, 'pm-growth', now)).toEqual({
      source: 'case',
      feedbackType: 'case-logic',
      owner: 'pm-growth',
      status: 'new',
      plan: 'saas',
      region: 'EMEA',
      q: 'merge',
      from: '2026-03-08',
    });
    expect(inboxQuery(new URLSearchParams('owner=mine'), null, now).owner).toBeUndefined();
    expect(inboxQuery(new URLSearchParams(''), null, now).from).toBeUndefined();
  });
});

describe('caseFeedbackQuery and caseRow', () => {
  it('reads cases of the trailing 2 weeks by default', () => {
    expect(caseFeedbackQuery(new URLSearchParams(''), now)).toMatchObject({ source: 'case', from: '2026-03-01' });
    expect(caseFeedbackQuery(new URLSearchParams('range=90'), now).from).toBe('2025-12-15');
  });

  it('takes the case facts from the details, the owner from the reporter when they are missing', () => {
    expect(caseRow(item({ title: 'Merge', customer: { region: 'APAC' }, details: { caseType: 'Question', description: 'Dupes', resolutionAction: 'Script', caseOwner: 'Riley' } }))).toEqual({
      caseOwner: 'Riley',
      region: 'APAC',
      caseType: 'Question',
      subject: 'Merge',
      description: 'Dupes',
      resolutionAction: 'Script',
    });
    expect(caseRow(item({ reporter: { name: 'Casey' } }))).toMatchObject({ caseOwner: 'Casey', region: '–', subject: '–' });
  });
});

describe('log feedback', () => {
  it('posts the form without blanks, under the entry’s own source id', () => {
    const form = { source: 'sales-call' as const, feedbackType: '', text: '  Wants SSO ', accountName: 'Umbrella', plan: '', region: ' ', reporter: 'Sam' };
    expect(feedbackDraft(form, 'sid-1')).toEqual({ source: 'sales-call', sourceId: 'sid-1', text: 'Wants SSO', customer: { accountName: 'Umbrella' }, reporter: { name: 'Sam' } });
  });

  it('opens on Alt+Shift+L by key position, not with other modifiers', () => {
    const keys = { altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, code: 'KeyL' };
    expect(isLogFeedbackShortcut(keys)).toBe(true);
    expect(isLogFeedbackShortcut({ ...keys, ctrlKey: true })).toBe(false);
    expect(isLogFeedbackShortcut({ ...keys, shiftKey: false })).toBe(false);
    expect(isLogFeedbackShortcut({ ...keys, code: 'KeyK' })).toBe(false);
  });
});

describe('labels', () => {
  it('names feedback types, owners, details, routing and survey answers in words', () => {
    expect(feedbackTypeLabel(catalog, 'case-logic')).toBe('Case logic');
    expect(feedbackTypeLabel(catalog, 'gone')).toBe('gone');
    expect(ownerName(catalog, 'pm-growth')).toBe('Growth PM');
    expect(ownerName(catalog, undefined)).toBe('unrouted');
    expect(detailName('resolutionAction')).toBe('Resolution action');
    expect(itemRoutingReason({ status: 'routed', reason: 'feedback-type:case-logic' })).toContain('primary owner of the feedback type "case-logic"');
    expect(customerText(item({ customer: { accountName: 'Globex', plan: 'saas', region: 'EMEA' } }))).toBe('Globex · saas · EMEA');
    const answer = item({ id: 'r1', source: 'survey', survey: { surveyId: 'portal-cancel', projectKey: 'pk', kind: 'cancel', reason: 'too-expensive' } });
    expect(answerLine(catalog, answer)).toBe('Too expensive');
    expect(entryPath(answer)).toBe('/responses/r1');
    expect(entryPath(item())).toBe('/items/i1');
  });
});
