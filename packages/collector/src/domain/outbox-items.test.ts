import { describe, expect, it } from 'vitest';
import type { Owner } from '@heed/shared';
import { notifyChannels } from '../notify/channels.ts';
import { httpPost } from '../notify/http-post.ts';
import { verifyWebhookSignature } from '../notify/webhook.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { makeItem } from '../store/store-fixtures.ts';
import { ownerAlerts } from './enqueue-alerts.ts';
import { startOutbox } from './outbox.ts';
import { startReceiver, tempDir, testConfig, useTestStore } from './test-support.ts';

const SECRET = 'owner-secret-0123456789';
const now = new Date('2026-03-04T10:00:00Z');

let store: Store;
useTestStore(
  async () => {
    const dir = await tempDir();
    return { store: await openSqliteStore({ dataDir: dir.path }), remove: dir.remove };
  },
  (opened) => {
    store = opened;
  },
);

describe('outbox alerts about intake items', () => {
  it('delivers an item alert on every channel of the owner, and fails one whose item is gone', async () => {
    const receiver = await startReceiver();
    try {
      const config = testConfig({
        owners: [{ id: 'pm-editor', name: 'Editor PM', webhookUrl: `${receiver.url}/hook`, webhookSecret: SECRET, slackWebhookUrl: `${receiver.url}/slack` }],
        routes: [],
        rotation: undefined,
      });
      const owner = config.owners[0] as Owner;
      let n = 0;
      const newId = () => `alert-${++n}`;
      await store.items.record(makeItem(1, { text: 'Exports <b>break</b>' }), ownerAlerts('item-1', owner, { email: false }, now, newId));
      // An alert whose subject no longer exists anywhere.
      await store.alerts.enqueue([{ ...ownerAlerts('item-gone', owner, { email: false }, now, newId)[0]!, responseId: 'item-gone' }]);

      const outbox = startOutbox({ store, config, clock: () => now, channels: notifyChannels({ post: httpPost }), workerId: 'w1', pollMs: 3_600_000, random: () => 0 });
      expect(await outbox.runOnce()).toBe(3);
      await outbox.stop();

      const hook = receiver.requests.find((request) => request.url === '/hook');
      expect(verifyWebhookSignature(SECRET, hook?.body ?? '', String(hook?.headers['heed-signature']), now)).toBe(true);
      expect(JSON.parse(hook?.body ?? '{}')).toMatchObject({ type: 'item.routed', item: { id: 'item-1', text: 'Exports <b>break</b>' } });
      const slack = receiver.requests.find((request) => request.url === '/slack');
      expect(slack?.body).toContain('Exports &lt;b&gt;break&lt;/b&gt;');

      const delivered = await store.alerts.page({ responseId: 'item-1' }, 10);
      expect(delivered.map((alert) => alert.status)).toEqual(['delivered', 'delivered']);
      const [gone] = await store.alerts.page({ responseId: 'item-gone' }, 10);
      expect(gone).toMatchObject({ status: 'failed', lastError: 'response or item "item-gone" no longer exists' });
    } finally {
      await receiver.close();
    }
  });
});
