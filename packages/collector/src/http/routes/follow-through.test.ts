import { afterEach, describe, expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { itNeeds, testEngines } from '../../domain/test-engines.ts';
import { startReceiver, useTestStore, type Receiver } from '../../domain/test-support.ts';
import { makeItem } from '../../store/store-fixtures.ts';
import type { Store } from '../../store/store.ts';
import { buildApp } from '../app.ts';
import { ADMIN_TOKEN, httpTestConfig } from '../test-support.ts';

const SECRET = 'follow-through-secret-0123456';
// Monday 2026-01-05; the team update is due Friday 2026-01-09 15:00 UTC.
const RECEIVED = new Date('2026-01-05T10:00:00Z');

for (const engine of testEngines()) {
  describe(`escalation and the team update with two collectors on ${engine.name}`, () => {
    let store: Store;
    let receiver: Receiver;
    let apps: FastifyInstance[] = [];
    let now = new Date(RECEIVED);
    useTestStore(() => engine.open(), (opened) => {
      store = opened;
    });
    afterEach(async () => {
      for (const app of apps) await app.close();
      apps = [];
      await receiver?.close();
    });

    async function twoCollectors(): Promise<FastifyInstance[]> {
      receiver = await startReceiver();
      const config = httpTestConfig({
        owners: [
          { id: 'pm-editor', name: 'Editor PM', timeZone: 'Europe/Berlin' },
          { id: 'pm-growth', name: 'Growth PM', webhookUrl: `${receiver.url}/growth`, webhookSecret: SECRET },
        ],
        feedbackTypes: [{ id: 'product', label: 'Product', primaryOwner: 'pm-editor', secondaryOwner: 'pm-growth' }],
        escalation: { businessDays: 2 },
        teamUpdate: { name: 'Product team', webhookUrl: `${receiver.url}/team`, webhookSecret: SECRET, weekday: 'friday', hour: 15 },
      });
      for (let n = 0; n < 2; n += 1) {
        apps.push(
          await buildApp({ config, store, clock: () => now, outbox: false, digest: false, followThrough: { intervalMs: 3600_000 }, adminToken: ADMIN_TOKEN, fetch: globalThis.fetch }),
        );
      }
      return apps;
    }

    const routedItem = (n: number, overrides: Parameters<typeof makeItem>[1] = {}) =>
      makeItem(n, { receivedAt: RECEIVED, occurredAt: RECEIVED, routing: { status: 'routed', owner: 'pm-editor', reason: 'feedback-type' }, ...overrides });

    itNeeds(engine, ['isolated concurrent updates of one document'], 'escalates an item once when both collectors run a round at the same time', async () => {
      const [a, b] = await twoCollectors();
      await store.items.record(routedItem(1), []);
      now = new Date('2026-01-07T09:59:00Z'); // Wednesday 10:59 Berlin: 2 business days after Monday 11:00 not yet over
      expect((await Promise.all([a!.escalation.runDue(), b!.escalation.runDue()])).flat()).toEqual([]);
      now = new Date('2026-01-07T10:00:00Z');
      const rounds = await Promise.all([a!.escalation.runDue(), b!.escalation.runDue()]);
      expect(rounds.flat().map((e) => e.id)).toEqual(['item-1']);
      expect((await Promise.all([a!.escalation.runDue(), b!.escalation.runDue()])).flat()).toEqual([]);
      expect(await store.alerts.page({ responseId: 'item-1' }, 10)).toMatchObject([{ ownerId: 'pm-growth', channel: 'webhook' }]);
      expect((await store.items.get('item-1'))?.triage.history.filter((change) => change.actor === 'escalation')).toHaveLength(1);
    });

    itNeeds(engine, ['isolated concurrent updates of one document'], 'sends the team update once a week from two collectors, with the pursued items and their links', async () => {
      const [a, b] = await twoCollectors();
      await store.items.record(routedItem(1), []);
      await store.items.record(routedItem(2, { sourceId: 'other', title: 'SSO for self-managed' }), []);
      const item = (await store.items.get('item-2'))!;
      const change = { at: new Date('2026-01-06T10:00:00Z'), actor: 'pm-editor', changes: { status: { from: 'new', to: 'acknowledged' } } };
      await store.items.updateTriage('item-2', {
        expected: item.triage,
        next: { status: 'acknowledged', tags: [], issueUrl: 'https://github.com/acme/app/issues/7' },
        change,
        alerts: [],
      });
      now = new Date('2026-01-09T14:59:00Z');
      expect((await Promise.all([a!.teamUpdate.runDue(), b!.teamUpdate.runDue()])).flat().filter((d) => d.periodKey === '2026-01-09')).toEqual([]);

      const preview = await a!.inject({ method: 'GET', url: '/v1/team-update/preview', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ name: 'Product team', periodKey: '2026-01-09', pursued: [{ id: 'item-2', issueUrl: 'https://github.com/acme/app/issues/7' }] });

      now = new Date('2026-01-09T15:00:00Z');
      receiver.requests.length = 0;
      const sent = (await Promise.all([a!.teamUpdate.runDue(), b!.teamUpdate.runDue()])).flat();
      expect(sent.map((d) => [d.deliveryId, d.outcome.status])).toEqual([['team-update:2026-01-09:webhook', 'delivered']]);
      now = new Date('2026-01-09T16:00:00Z');
      expect((await Promise.all([a!.teamUpdate.runDue(), b!.teamUpdate.runDue()])).flat()).toEqual([]);
      const team = receiver.requests.filter((request) => request.url === '/team');
      expect(team).toHaveLength(1);
      expect(team[0]!.headers['heed-delivery-id']).toBe('team-update:2026-01-09:webhook');
      const body = JSON.parse(team[0]!.body) as { type: string; update: { pursued: unknown[]; newItems: { total: number; bySource: object } } };
      expect(body.type).toBe('team-update.weekly');
      expect(body.update.pursued).toEqual([
        { id: 'item-2', source: 'email', feedbackType: 'product', title: 'SSO for self-managed', status: 'acknowledged', owner: 'pm-editor', issueUrl: 'https://github.com/acme/app/issues/7', changes: [{ at: '2026-01-06T10:00:00.000Z', actor: 'pm-editor', changes: { status: { from: 'new', to: 'acknowledged' } } }] },
      ]);
      expect(body.update.newItems).toEqual({ total: 2, bySource: { email: 2 }, byType: { product: 2 } });
    });

    itNeeds(engine, [], 'sends the team update once when collectors take turns', async () => {
      const [a, b] = await twoCollectors();
      now = new Date('2026-01-09T15:00:00Z');
      expect((await a!.teamUpdate.runDue()).map((d) => d.outcome.status)).toEqual(['delivered']);
      expect(await b!.teamUpdate.runDue()).toEqual([]);
      expect(await a!.teamUpdate.runDue()).toEqual([]);
      expect(receiver.requests.filter((request) => request.url === '/team')).toHaveLength(1);
    });
  });
}
