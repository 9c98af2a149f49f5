import { describe, expect, it } from 'vitest';
import { FeedbackDraftSchema, type FeedbackDraftInput } from '@heed/shared';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { findFeedbackType, reviseFeedback, takeInFeedback, type IntakeDeps } from './intake.ts';
import { tempDir, testConfig, useTestStore } from './test-support.ts';

const config = testConfig({
  owners: [
    { id: 'pm-editor', name: 'Editor PM', webhookUrl: 'https://hooks.example.com/editor', webhookSecret: 'secret-0123456789abcdef' },
    { id: 'pm-growth', name: 'Growth PM', slackWebhookUrl: 'https://hooks.slack.example/growth' },
  ],
  routes: [{ when: { source: 'github', region: 'EMEA' }, owner: 'pm-editor' }],
  feedbackTypes: [
    { id: 'product', label: 'Product' },
    { id: 'case-logic', label: 'Case Logic', primaryOwner: 'pm-growth', secondaryOwner: 'pm-editor' },
  ],
  rotation: undefined,
});

let store: Store;
let deps: IntakeDeps;
const now = new Date('2026-03-04T10:00:00Z');
let ids = 0;

useTestStore(
  async () => {
    const dir = await tempDir();
    return { store: await openSqliteStore({ dataDir: dir.path }), remove: dir.remove };
  },
  (opened) => {
    store = opened;
    deps = { store, config, clock: () => now, newId: () => `id-${++ids}` };
  },
);

const draft = (fields: Partial<FeedbackDraftInput> = {}) =>
  FeedbackDraftSchema.parse({ source: 'github', sourceId: 'I_kwDO123', text: 'Exports lose their images', ...fields });

describe('takeInFeedback', () => {
  it('routes and stores an item with its owner alerts, once per original', async () => {
    const first = await takeInFeedback(deps, draft({ customer: { region: 'emea' } }));
    expect(first.duplicate).toBe(false);
    const item = await store.items.get(first.id);
    expect(item).toMatchObject({
      source: 'github',
      sourceId: 'I_kwDO123',
      occurredAt: now,
      receivedAt: now,
      routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
      triage: { status: 'new', tags: [], history: [] },
    });
    const alerts = await store.alerts.page({ responseId: first.id }, 10);
    expect(alerts.map((alert) => [alert.ownerId, alert.channel])).toEqual([['pm-editor', 'webhook']]);

    const again = await takeInFeedback(deps, draft({ customer: { region: 'emea' }, text: 'changed' }));
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await store.alerts.page({}, 10)).toHaveLength(1);
  });

  it("goes to the feedback type's primary owner when no route matches, else unrouted", async () => {
    const typed = await takeInFeedback(deps, draft({ sourceId: 'a', feedbackType: 'case-logic' }));
    expect((await store.items.get(typed.id))?.routing).toEqual({ status: 'routed', owner: 'pm-growth', reason: 'feedback-type:case-logic' });
    const plain = await takeInFeedback(deps, draft({ sourceId: 'b', source: 'email' }));
    expect((await store.items.get(plain.id))?.routing).toEqual({ status: 'unrouted', reason: 'no-owner' });
    expect(await store.alerts.page({ responseId: plain.id }, 10)).toEqual([]);
  });

  it('refuses a feedback type the config does not list, naming it, and stores nothing', async () => {
    await expect(takeInFeedback(deps, draft({ feedbackType: 'pricing' }))).rejects.toMatchObject({
      code: 'HEED_ERR_VALIDATION',
      statusCode: 400,
      message: expect.stringContaining('feedbackType: unknown feedback type "pricing"; expected one of "product", "case-logic"'),
    });
    expect(await store.items.bySource('github', 'I_kwDO123')).toBeNull();
  });

  it('finds a feedback type by id or label', () => {
    expect(findFeedbackType(config, 'Case Logic')).toBe('case-logic');
    expect(findFeedbackType(config, 'case-logic')).toBe('case-logic');
    expect(findFeedbackType(config, 'Pricing')).toBeUndefined();
  });
});

describe('reviseFeedback', () => {
  it('applies a later change to the original, and answers null for an unknown one', async () => {
    await takeInFeedback(deps, draft({ details: { state: 'open', labels: 'feedback' } }));
    const revised = await reviseFeedback(deps, 'github', 'I_kwDO123', { details: { state: 'closed' } });
    expect(revised?.details).toEqual({ state: 'closed', labels: 'feedback' });
    expect((await store.items.bySource('github', 'I_kwDO123'))?.details.state).toBe('closed');
    expect(await reviseFeedback(deps, 'github', 'nope', { details: { state: 'closed' } })).toBeNull();
  });
});
