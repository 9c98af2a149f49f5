/**
 * Two collector apps over one store, as two instances behind a load balancer would share one database:
 * answers come in through both, both run the alert outbox and the digest scheduler, and still every alert
 * and every weekly digest reaches the owner once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeedConfigSchema, type HeedConfig } from '@heed/shared';
import { buildApp, openStore, type Store } from '@heed/collector';

// Friday 2026-11-20, 16:30 UTC: half an hour after the default digest time, so this week's digest is due.
const now = new Date('2026-11-20T16:30:00Z');
const clock = () => now;

interface Delivery {
  deliveryId: string;
  type: string;
  responseId?: string;
}

let receiver: Server;
const deliveries: Delivery[] = [];
let store: Store;
let dataDir: string;
let apps: Awaited<ReturnType<typeof buildApp>>[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const payload = JSON.parse(body) as { type: string; response?: { id: string } };
      deliveries.push({ deliveryId: String(request.headers['heed-delivery-id']), type: payload.type, responseId: payload.response?.id });
      // A slow receiver widens the window in which both workers could pick the same alert.
      setTimeout(() => response.writeHead(200).end(), 15);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const config: HeedConfig = HeedConfigSchema.parse({
    projects: [{ key: 'pk_two', name: 'Two', allowedOrigins: ['https://app.example.com'] }],
    surveys: [{ id: 'app-nps', project: 'pk_two', kind: 'nps', productArea: 'editor' }],
    owners: [{ id: 'pm-editor', name: 'Editor PM', webhookUrl: hook, webhookSecret: 'two-collectors-secret-0123' }],
    routes: [{ when: { productArea: 'editor' }, owner: 'pm-editor' }],
  });
  dataDir = await mkdtemp(join(tmpdir(), 'heed-two-'));
  store = await openStore({ dataDir }); // SQLite: both apps share the one database, as instances share MongoDB
  apps = await Promise.all(
    ['collector-a', 'collector-b'].map((workerId) =>
      buildApp({ config, store, clock, outbox: { pollMs: 20, workerId }, digest: { intervalMs: 40 } }),
    ),
  );
  await Promise.all(apps.map((app) => app.ready()));
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await store?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

it('delivers each alert and each digest once', async () => {
  const total = 30;
  const ids: string[] = [];
  for (let i = 0; i < total; i += 1) {
    const app = apps[i % 2]!;
    const res = await app.inject({
      method: 'POST',
      url: '/v1/responses',
      payload: {
        submissionId: crypto.randomUUID(),
        projectKey: 'pk_two',
        surveyId: 'app-nps',
        answers: { score: i % 7, comment: `comment ${i}` },
      },
    });
    expect(res.statusCode).toBe(202);
    ids.push(res.json().id);
  }

  const deadline = Date.now() + 20_000;
  const routed = () => deliveries.filter((d) => d.type === 'response.routed');
  while ((routed().length < total || !deliveries.some((d) => d.type === 'digest.weekly')) && Date.now() < deadline) {
    await new Promise((wait) => setTimeout(wait, 50));
  }
  // Give a second sender time to show itself, if there were one.
  await new Promise((wait) => setTimeout(wait, 500));

  expect(routed().map((d) => d.responseId).sort()).toEqual([...ids].sort());
  expect(new Set(deliveries.map((d) => d.deliveryId)).size).toBe(deliveries.length);
  expect(deliveries.filter((d) => d.type === 'digest.weekly')).toHaveLength(1);
  const alerts = await store.alerts.page({}, 1000);
  expect(alerts).toHaveLength(total);
  expect(alerts.every((alert) => alert.status === 'delivered' && alert.attempts === 1)).toBe(true);
});
