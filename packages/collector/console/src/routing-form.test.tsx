import { describe, expect, it } from 'vitest';
import { draftOf, edit, moved, ownerBody, routingBody, routingFormOf, withCondition, type RoutingParts } from './routing-form.ts';

const view: RoutingParts = {
  owners: [{ id: 'pm-a', name: 'A', webhookUrl: 'https://hooks.example.com/a', hasWebhookSecret: true }],
  routes: [{ when: { productArea: 'editor' }, owner: 'pm-a' }],
  rotation: null,
  feedbackTypes: [{ id: 'product', label: 'Product' }],
};
const fileSources = { owners: 'file', routes: 'file', rotation: 'file', feedbackTypes: 'file' } as const;

describe('the routing form', () => {
  it('sends only the parts edited here or already from the console', () => {
    const form = routingFormOf(view);
    expect(routingBody(form, fileSources)).toEqual({});
    const edited = edit(form, 'routes', [{ when: {}, owner: 'pm-a' }]);
    expect(routingBody(edited, fileSources)).toEqual({ routes: [{ when: {}, owner: 'pm-a' }] });
    expect(routingBody(form, { ...fileSources, rotation: 'console' })).toEqual({ rotation: null });
  });

  it('sends an owner without the secret unless one was typed, and without empty fields', () => {
    const draft = draftOf(view.owners[0]!);
    expect(ownerBody(draft)).toEqual({ id: 'pm-a', name: 'A', webhookUrl: 'https://hooks.example.com/a' });
    expect(ownerBody({ ...draft, webhookSecret: ' a-new-secret-of-16 ', email: ' ' })).toEqual({
      id: 'pm-a',
      name: 'A',
      webhookUrl: 'https://hooks.example.com/a',
      webhookSecret: 'a-new-secret-of-16',
    });
  });

  it('sets and clears conditions, keywords split at commas', () => {
    expect(withCondition({ productArea: 'editor' }, 'plan', 'saas')).toEqual({ productArea: 'editor', plan: 'saas' });
    expect(withCondition({ productArea: 'editor' }, 'productArea', ' ')).toEqual({});
    expect(withCondition({}, 'keywordsAny', 'slow, crash ,')).toEqual({ keywordsAny: ['slow', 'crash'] });
    expect(withCondition({ keywordsAny: ['x'] }, 'keywordsAny', ' , ')).toEqual({});
  });

  it('moves a rule within the list', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });
});
