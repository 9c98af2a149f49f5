import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { updateTriage, type TriageDeps } from './triage.ts';
import { itNeeds, testEngines } from './test-engines.ts';
import { testConfig, testResponse, useTestStore } from './test-support.ts';

const config = testConfig({
  owners: [
    { id: 'pm-editor', name: 'Editor PM', slackWebhookUrl: 'https://hooks.slack.example/editor' },
    { id: 'pm-growth', name: 'Growth PM', slackWebhookUrl: 'https://hooks.slack.example/growth', email: 'growth@example.com' },
  ],
});

let store: Store;
let now: Date;
let deps: TriageDeps;
const id = testResponse()._id;


describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    async (opened) => {
      store = opened;
      now = new Date('2026-03-05T09:00:00Z');
      deps = { store, config, clock: () => now, channels: { email: true } };
      await store.responses.record(testResponse(), []);
    },
  );

  describe('updateTriage', () => {
    it('applies changes and records each in the history with time and actor', async () => {
      const first = await updateTriage(deps, id, { status: 'acknowledged', tags: ['perf', 'perf', 'editor'] }, 'ana');
      now = new Date('2026-03-06T09:00:00Z');
      await updateTriage(deps, id, { issueUrl: 'https://tracker.example.com/1' }, 'ben');
      const last = await updateTriage(deps, id, { issueUrl: null, status: 'actioned' }, 'ana');

      expect(first.triage).toMatchObject({ status: 'acknowledged', tags: ['perf', 'editor'] });
      expect(last.triage).toEqual({
        status: 'actioned',
        tags: ['perf', 'editor'],
        history: [
          {
            at: new Date('2026-03-05T09:00:00Z'),
            actor: 'ana',
            changes: { status: { from: 'new', to: 'acknowledged' }, tags: { from: [], to: ['perf', 'editor'] } },
          },
          { at: now, actor: 'ben', changes: { issueUrl: { from: null, to: 'https://tracker.example.com/1' } } },
          {
            at: now,
            actor: 'ana',
            changes: { status: { from: 'acknowledged', to: 'actioned' }, issueUrl: { from: 'https://tracker.example.com/1', to: null } },
          },
        ],
      });
      expect(await store.responses.get(id)).toEqual(last);
    });

    it('records nothing when nothing changes', async () => {
      const unchanged = await updateTriage(deps, id, { status: 'new', tags: [], owner: 'pm-editor' }, 'ana');
      expect(unchanged.triage.history).toEqual([]);
      expect(await store.alerts.page({}, 10)).toEqual([]);
    });

    it('alerts a newly assigned owner on each of their channels, once', async () => {
      const updated = await updateTriage(deps, id, { owner: 'pm-growth' }, 'ana');
      expect(updated.triage.owner).toBe('pm-growth');
      expect(updated.triage.history[0]?.changes).toEqual({ owner: { from: 'pm-editor', to: 'pm-growth' } });
      const alerts = (await store.alerts.page({}, 10)).sort((a, b) => a.channel.localeCompare(b.channel));
      expect(alerts.map((a) => [a.ownerId, a.channel, a.status, a.nextAttemptAt])).toEqual([
        ['pm-growth', 'email', 'pending', now],
        ['pm-growth', 'slack', 'pending', now],
      ]);

      // Back and forth: the same owner is not alerted twice for one response.
      await updateTriage(deps, id, { owner: 'pm-editor' }, 'ana');
      await updateTriage(deps, id, { owner: 'pm-growth' }, 'ana');
      expect(await store.alerts.page({ ownerId: 'pm-growth' }, 10)).toHaveLength(2);
      expect(await store.alerts.page({ ownerId: 'pm-editor' }, 10)).toHaveLength(1);
    });

    it('refuses unknown responses and owners', async () => {
      await expect(updateTriage(deps, 'nope', { status: 'closed' }, 'ana')).rejects.toMatchObject({ code: 'HEED_ERR_NOT_FOUND', statusCode: 404 });
      await expect(updateTriage(deps, id, { owner: 'pm-nobody' }, 'ana')).rejects.toMatchObject({
        code: 'HEED_ERR_VALIDATION',
        message: 'owner: "pm-nobody" is not one of the configured owners',
      });
      expect((await store.responses.get(id))?.triage.history).toEqual([]);
    });

    itNeeds(engine, ['isolated concurrent updates of one document'], 'keeps every concurrent change, each with a true "from"', async () => {
      await Promise.all([
        updateTriage(deps, id, { status: 'acknowledged' }, 'ana'),
        updateTriage(deps, id, { status: 'closed' }, 'ben'),
      ]);
      const { triage } = (await store.responses.get(id)) ?? testResponse();
      expect(triage.history).toHaveLength(2);
      const [a, b] = triage.history.map((h) => h.changes.status as { from: string; to: string });
      expect(b?.from).toBe(a?.to);
      expect(triage.status).toBe(b?.to);
    });
  });
});
