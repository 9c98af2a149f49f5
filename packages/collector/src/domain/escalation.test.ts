import { describe, expect } from 'vitest';
import type { HeedConfig } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { makeItem } from '../store/store-fixtures.ts';
import { escalateDue, type EscalationDeps } from './escalation.ts';
import { itNeeds, testEngines } from './test-engines.ts';
import { testConfig, testResponse, useTestStore } from './test-support.ts';

const SECRET = 'escalation-webhook-secret-0123';

function config(overrides: Parameters<typeof testConfig>[0] = {}): HeedConfig {
  return testConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM', timeZone: 'America/New_York', webhookUrl: 'https://hooks.example.com/editor', webhookSecret: SECRET },
      { id: 'pm-growth', name: 'Growth PM', webhookUrl: 'https://hooks.example.com/growth', webhookSecret: SECRET, slackWebhookUrl: 'https://hooks.slack.example/growth' },
    ],
    feedbackTypes: [
      { id: 'product', label: 'Product', primaryOwner: 'pm-editor', secondaryOwner: 'pm-growth' },
      { id: 'systems', label: 'Systems', primaryOwner: 'pm-editor' },
    ],
    escalation: { businessDays: 2, byFeedbackType: {}, surveySecondaryOwner: 'pm-growth' },
    ...overrides,
  });
}

// Thursday 2026-01-08 15:00 in New York (20:00 UTC): two business days later is Monday 15:00 there.
const RECEIVED = new Date('2026-01-08T20:00:00Z');
const item = (n: number, overrides: Parameters<typeof makeItem>[1] = {}) =>
  makeItem(n, { receivedAt: RECEIVED, occurredAt: RECEIVED, routing: { status: 'routed', owner: 'pm-editor', reason: 'feedback-type' }, ...overrides });

for (const engine of testEngines()) {
  describe(`escalation on ${engine.name}`, () => {
    let store: Store;
    useTestStore(() => engine.open(), (opened) => {
      store = opened;
    });
    const deps = (now: string, workerId = 'worker-a', cfg = config()): EscalationDeps => ({
      store,
      config: cfg,
      clock: () => new Date(now),
      channelSettings: { email: false },
      workerId,
    });

    itNeeds(engine, [], 'escalates after N business days in the owner\'s time zone, once, with alerts and a history entry', async () => {
      await store.items.record(item(1), []);
      await store.items.record(item(2, { feedbackType: 'systems' }), []); // no secondary owner: never escalates
      await store.items.record(item(3, { triage: { status: 'acknowledged', tags: [], history: [] } }), []);
      // Friday and the weekend do not count; Monday 14:59 in New York is still inside the window.
      expect(await escalateDue(deps('2026-01-12T19:59:00Z'))).toEqual([]);
      // A collector reading the calendar in UTC would escalate at Monday 20:00 UTC too, but not before it: the
      // owner's zone decides. Monday 15:00 New York is 20:00 UTC.
      expect(await escalateDue(deps('2026-01-12T20:00:00Z'))).toEqual([{ id: 'item-1', from: 'pm-editor', to: 'pm-growth', businessDays: 2 }]);
      expect(await escalateDue(deps('2026-01-13T20:00:00Z', 'worker-b'))).toEqual([]);

      const escalated = await store.items.get('item-1');
      expect(escalated?.triage.status).toBe('new');
      expect(escalated?.triage.history).toEqual([
        { at: new Date('2026-01-12T20:00:00Z'), actor: 'escalation', changes: { escalatedTo: 'pm-growth', owner: 'pm-editor', businessDays: 2 } },
      ]);
      const alerts = await store.alerts.page({ responseId: 'item-1' }, 10);
      expect(alerts.map((alert) => `${alert.ownerId}:${alert.channel}`).sort()).toEqual(['pm-growth:slack', 'pm-growth:webhook']);
      expect(await store.alerts.page({ responseId: 'item-2' }, 10)).toEqual([]);
      expect((await store.items.get('item-3'))?.triage.history).toEqual([]);
    });

    itNeeds(engine, [], 'counts the window per feedback type, and escalates survey answers to their stand-in', async () => {
      await store.items.record(item(1), []);
      await store.responses.record(testResponse({ receivedAt: RECEIVED }), []);
      const cfg = config({ escalation: { businessDays: 5, byFeedbackType: { product: 1 }, surveySecondaryOwner: 'pm-growth' } });
      // Friday 15:00 New York: the product item (1 day) is due, the answer (5 days) is not.
      expect((await escalateDue(deps('2026-01-09T20:00:00Z', 'a', cfg))).map((e) => e.id)).toEqual(['item-1']);
      expect((await escalateDue(deps('2026-01-15T20:00:00Z', 'a', cfg))).map((e) => e.id)).toEqual([testResponse()._id]);
      expect((await store.responses.get(testResponse()._id))?.triage.history.at(-1)?.actor).toBe('escalation');
    });

    itNeeds(engine, ['isolated concurrent updates of one document'], 'escalates each item once when two collectors run rounds at the same time', async () => {
      for (let n = 1; n <= 5; n += 1) await store.items.record(item(n), []);
      const rounds = await Promise.all([escalateDue(deps('2026-01-12T20:00:00Z', 'a')), escalateDue(deps('2026-01-12T20:00:00Z', 'b'))]);
      const again = await Promise.all([escalateDue(deps('2026-01-12T21:00:00Z', 'a')), escalateDue(deps('2026-01-12T21:00:00Z', 'b'))]);
      expect(rounds.flat().map((e) => e.id).sort()).toEqual(['item-1', 'item-2', 'item-3', 'item-4', 'item-5']);
      expect(again.flat()).toEqual([]);
      expect(await store.alerts.page({ ownerId: 'pm-growth' }, 50)).toHaveLength(10);
    });
  });
}
