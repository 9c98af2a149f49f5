import { describe, expect, it } from 'vitest';
import type { Route } from '@heed/shared';
import { containsWord, routeItem, routeResponse, rotationOwner, type ItemRoutingConfig, type RoutableItem, type RoutableResponse, type RoutingConfig } from './routing.ts';

const owners = ['pm-editor', 'pm-growth', 'pm-billing', 'pm-ext', 'pm-rotation-a', 'pm-rotation-b'].map((id) => ({
  id,
  name: id,
}));

const routes: Route[] = [
  { when: { keywordsAny: ['refund', 'chargeback'] }, owner: 'pm-billing' },
  { when: { productArea: 'editor', plan: 'self-managed' }, owner: 'pm-ext' },
  { when: { productArea: 'editor' }, owner: 'pm-editor' },
  { when: { surveyId: 'portal-cancel', category: 'detractor' }, owner: 'pm-billing' },
  { when: { kind: 'uninstall' }, owner: 'pm-growth' },
];

const config: RoutingConfig = {
  owners,
  routes,
  rotation: { owners: ['pm-rotation-a', 'pm-rotation-b'], every: 'week', startsOn: '2026-01-05' },
};

const now = new Date('2026-03-04T12:00:00Z');

function response(fields: Partial<RoutableResponse>): RoutableResponse {
  return { surveyId: 'app-nps', kind: 'nps', productArea: 'editor', ...fields };
}

describe('routeResponse', () => {
  it.each<[string, Partial<RoutableResponse>, ReturnType<typeof routeResponse>]>([
    ['promoter without comment', { category: 'promoter' }, { status: 'skipped', reason: 'not-actionable' }],
    ['passive without comment', { category: 'passive' }, { status: 'skipped', reason: 'not-actionable' }],
    ['blank comment is no comment', { category: 'passive', comment: ' \n\t ' }, { status: 'skipped', reason: 'not-actionable' }],
    ['cancel without comment', { kind: 'cancel', surveyId: 'portal-cancel', productArea: 'billing' }, { status: 'skipped', reason: 'not-actionable' }],
    ['detractor, first matching route', { category: 'detractor' }, { status: 'routed', owner: 'pm-editor', reason: 'route:2' }],
    ['promoter with comment is actionable', { category: 'promoter', comment: 'love it' }, { status: 'routed', owner: 'pm-editor', reason: 'route:2' }],
    ['all fields of a rule must match', { category: 'detractor', plan: 'self-managed' }, { status: 'routed', owner: 'pm-ext', reason: 'route:1' }],
    ['earlier rule wins', { category: 'detractor', plan: 'self-managed', comment: 'I want a REFUND.' }, { status: 'routed', owner: 'pm-billing', reason: 'route:0' }],
    ['rule on survey and category', { surveyId: 'portal-cancel', kind: 'cancel', productArea: 'billing', category: 'detractor' }, { status: 'routed', owner: 'pm-billing', reason: 'route:3' }],
    ['rule field absent on the response does not match', { surveyId: 'portal-cancel', kind: 'cancel', productArea: 'billing', comment: 'meh' }, { status: 'routed', owner: 'pm-rotation-a', reason: 'rotation' }],
    ['rule on kind', { kind: 'uninstall', surveyId: 'extension-exit', productArea: 'extension', comment: 'slow' }, { status: 'routed', owner: 'pm-growth', reason: 'route:4' }],
    ['keyword only as a whole word', { productArea: 'search', comment: 'refunded already' }, { status: 'routed', owner: 'pm-rotation-a', reason: 'rotation' }],
    ['any keyword matches', { productArea: 'search', comment: 'a Chargeback!' }, { status: 'routed', owner: 'pm-billing', reason: 'route:0' }],
  ])('%s', (_name, fields, expected) => {
    expect(routeResponse(config, response(fields), now)).toEqual(expected);
  });

  it('falls back to the rotation, then to unrouted', () => {
    const actionable = response({ productArea: 'search', category: 'detractor' });
    expect(routeResponse(config, actionable, now)).toEqual({ status: 'routed', owner: 'pm-rotation-a', reason: 'rotation' });
    const { rotation: _, ...withoutRotation } = config;
    expect(routeResponse(withoutRotation, actionable, now)).toEqual({ status: 'unrouted', reason: 'no-owner' });
    expect(routeResponse({ owners, routes: [] }, actionable, now)).toEqual({ status: 'unrouted', reason: 'no-owner' });
  });
});

describe('rotationOwner', () => {
  const team = ['a', 'b', 'c'];
  it.each([
    ['2025-12-31T23:59:59Z', 'a'], // before the start: the first owner
    ['2026-01-05T00:00:00Z', 'a'], // the first instant of week 0
    ['2026-01-11T23:59:59Z', 'a'], // the last instant of week 0
    ['2026-01-12T00:00:00Z', 'b'],
    ['2026-01-19T08:00:00Z', 'c'],
    ['2026-01-26T00:00:00Z', 'a'], // cycles
    ['2026-03-04T12:00:00Z', 'c'], // week 8
  ])('at %s -> %s', (at, expected) => {
    expect(rotationOwner(team, '2026-01-05', new Date(at))).toBe(expected);
  });
});

describe('containsWord', () => {
  it.each<[string, string, boolean]>([
    ['There is a bug.', 'bug', true],
    ['BUG!', 'bug', true],
    ['debugging', 'bug', false],
    ['bugs', 'bug', false],
    ['bug_report', 'bug', false],
    ['bug-report', 'bug', true],
    ['(bug)', 'bug', true],
    ['Le café est froid', 'CAFÉ', true],
    ['cafés', 'café', false],
    ['Straße', 'straße', true],
    ['Переключился на Notion', 'notion', true],
    ['Переключился', 'переключ', false],
    ['no dark mode here', 'dark mode', true],
    ['darkmode', 'dark mode', false],
    ['costs $5', '$5', true],
    ['a.b', 'a.b', true],
    ['axb', 'a.b', false],
    ['', 'bug', false],
  ])('%j contains %j: %s', (text, keyword, expected) => {
    expect(containsWord(text, keyword)).toBe(expected);
  });

  it('matches regardless of Unicode normal form', () => {
    expect(containsWord('cafe\u0301 froid', 'caf\u00e9')).toBe(true);
  });
});

describe('routeItem', () => {
  const itemConfig: ItemRoutingConfig = {
    ...config,
    routes: [
      { when: { source: 'github', keywordsAny: ['crash'] }, owner: 'pm-ext' },
      { when: { feedbackType: 'case-logic', region: 'EMEA' }, owner: 'pm-billing' },
      { when: { productArea: 'editor', plan: 'saas' }, owner: 'pm-editor' },
      { when: { surveyId: 'app-nps' }, owner: 'pm-growth' },
      { when: { source: 'survey' }, owner: 'pm-growth' },
    ],
    feedbackTypes: [
      { id: 'product', label: 'Product' },
      { id: 'case-logic', label: 'Case logic', primaryOwner: 'pm-billing' },
      { id: 'systems', label: 'Systems', primaryOwner: 'pm-ext', secondaryOwner: 'pm-editor' },
    ],
  };
  const item = (fields: Partial<RoutableItem>): RoutableItem => ({ source: 'email', text: 'It would help to export to PDF', ...fields });

  it.each<[string, Partial<RoutableItem>, ReturnType<typeof routeItem>]>([
    ['source and a keyword in the text', { source: 'github', text: 'The app crash on save' }, { status: 'routed', owner: 'pm-ext', reason: 'route:0' }],
    ['a keyword in the title', { source: 'github', title: 'Crash!', text: 'see title' }, { status: 'routed', owner: 'pm-ext', reason: 'route:0' }],
    ['the source must match', { source: 'slack', text: 'The app crash on save' }, { status: 'routed', owner: 'pm-rotation-a', reason: 'rotation' }],
    ['feedback type and region, case-insensitive', { feedbackType: 'case-logic', region: 'emea' }, { status: 'routed', owner: 'pm-billing', reason: 'route:1' }],
    ['product area and plan', { productArea: 'editor', plan: 'saas' }, { status: 'routed', owner: 'pm-editor', reason: 'route:2' }],
    ['survey rules never match an item', { productArea: 'search' }, { status: 'routed', owner: 'pm-rotation-a', reason: 'rotation' }],
    ['the feedback type primary owner before the rotation', { feedbackType: 'systems' }, { status: 'routed', owner: 'pm-ext', reason: 'feedback-type:systems' }],
    ['a type without a DRI goes to the rotation', { feedbackType: 'product' }, { status: 'routed', owner: 'pm-rotation-a', reason: 'rotation' }],
  ])('%s', (_name, fields, expected) => {
    expect(routeItem(itemConfig, item(fields), now)).toEqual(expected);
  });

  it('is unrouted with no route, DRI or rotation', () => {
    expect(routeItem({ owners, routes: [], feedbackTypes: [] }, item({}), now)).toEqual({ status: 'unrouted', reason: 'no-owner' });
  });

  it('rules on source, feedback type and region apply to survey answers too', () => {
    const rules: RoutingConfig = { owners, routes: [
      { when: { source: 'email' }, owner: 'pm-ext' },
      { when: { feedbackType: 'product' }, owner: 'pm-ext' },
      { when: { region: 'emea' }, owner: 'pm-billing' },
      { when: { source: 'survey' }, owner: 'pm-growth' },
    ] };
    expect(routeResponse(rules, response({ category: 'detractor', region: 'emea' }), now)).toEqual({ status: 'routed', owner: 'pm-billing', reason: 'route:2' });
    expect(routeResponse(rules, response({ category: 'detractor' }), now)).toEqual({ status: 'routed', owner: 'pm-growth', reason: 'route:3' });
  });
});

describe('routeResponse for CSAT', () => {
  const csat = (fields: Partial<RoutableResponse>) => response({ surveyId: 'export-csat', kind: 'csat', productArea: 'export', ...fields });

  it('routes a score of 1 or 2 like an NPS detractor, and any comment', () => {
    expect(routeResponse(config, csat({ score: 1 }), now)).toMatchObject({ status: 'routed', reason: 'rotation' });
    expect(routeResponse(config, csat({ score: 2, productArea: 'editor' }), now)).toEqual({ status: 'routed', owner: 'pm-editor', reason: 'route:2' });
    expect(routeResponse(config, csat({ score: 5, comment: 'Love the new export' }), now)).toMatchObject({ status: 'routed' });
  });

  it('leaves 3 to 5 without a comment alone', () => {
    for (const score of [3, 4, 5]) {
      expect(routeResponse(config, csat({ score, comment: ' ' }), now)).toEqual({ status: 'skipped', reason: 'not-actionable' });
    }
  });

  it('does not take a low NPS score without its category for a detractor, nor a CSAT score for one', () => {
    expect(routeResponse(config, response({ score: 2 }), now)).toEqual({ status: 'skipped', reason: 'not-actionable' });
    expect(routeResponse(config, csat({ score: 1, category: undefined }), now).status).toBe('routed');
  });
});
