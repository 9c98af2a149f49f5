import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeedConfig, HeedConfigInput, Submission } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { verifyWebhookSignature } from '../notify/webhook.ts';
import { ingestSubmission } from './ingest.ts';
import { listAlerts, retryAlert, startOutbox, type Outbox, type OutboxOptions } from './outbox.ts';
import { createMailer } from '../notify/email.ts';
import { itNeeds, testEngines } from './test-engines.ts';
import { useTestStore, startReceiver, startSmtp, testConfig, type ReceivedRequest, type Receiver } from './test-support.ts';

const SECRET = 'whsec-outbox-0123456789';

let store: Store;
let now: Date;
const cleanup: (() => Promise<void>)[] = [];


async function receiver(respond?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(respond);
  cleanup.push(started.close);
  return started;
}

/** A config whose owners post webhooks to the given receivers. */
function configFor(urls: { editor: string; growth?: string; rotation?: string }, overrides: Partial<HeedConfigInput> = {}): HeedConfig {
  const owner = (id: string, url: string | undefined) => ({
    id,
    name: `${id} name`,
    ...(url && { webhookUrl: `${url}/${id}`, webhookSecret: SECRET }),
  });
  return testConfig({
    owners: [owner('pm-editor', urls.editor), owner('pm-growth', urls.growth), owner('pm-rotation', urls.rotation)],
    rotation: { owners: ['pm-rotation'], every: 'week', startsOn: '2026-01-05' },
    ...overrides,
  });
}

function outbox(options: Partial<OutboxOptions> & Pick<OutboxOptions, 'config'>): Outbox {
  const started = startOutbox({
    store,
    clock: () => now,
    fetch,
    workerId: `worker-${randomUUID().slice(0, 8)}`,
    pollMs: 3_600_000, // tests drive runOnce
    random: () => 0.5,
    ...options,
  });
  cleanup.push(started.stop);
  return started;
}

async function ingest(config: HeedConfig, fields: Partial<Submission> = {}): Promise<string> {
  const { id } = await ingestSubmission(
    { store, config, clock: () => now },
    {
      submissionId: randomUUID(),
      projectKey: 'pk_test',
      surveyId: 'app-nps',
      answers: { score: 2, comment: 'It crashed' },
      respondent: { userId: 'u_1' },
      context: { plan: 'saas' },
      ...fields,
    },
  );
  return id;
}

const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
const bodyOf = (request: ReceivedRequest) => JSON.parse(request.body) as { id: string; response: { id: string }; owner: { id: string }; reasons: string[] };
const alertFor = async (responseId: string) => {
  const alert = await store.collection('alerts').findOne({ responseId });
  if (!alert) throw new Error(`no alert for ${responseId}`);
  return alert;
};

describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    (opened) => {
      store = opened;
      now = new Date('2026-03-04T10:00:00Z');
    },
  );
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  describe('delivery', () => {
    it('sends each alert to the owner chosen by rule, else by rotation', async () => {
      const inbox = await receiver();
      const config = configFor({ editor: inbox.url, growth: inbox.url, rotation: inbox.url });
      const byRule = await ingest(config);
      const byRotation = await ingest(config, { surveyId: 'extension-exit', answers: { reasons: ['privacy'], comment: 'tracking' } });
      const notActionable = await ingest(config, { answers: { score: 9 } });

      expect(await outbox({ config }).runOnce()).toBe(2);

      const received = inbox.requests.map((r) => ({ path: r.url, ...bodyOf(r) }));
      expect(received).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: '/pm-editor', response: expect.objectContaining({ id: byRule }), owner: { id: 'pm-editor', name: 'pm-editor name' }, reasons: ['route:0'] }),
          expect.objectContaining({ path: '/pm-rotation', response: expect.objectContaining({ id: byRotation }), reasons: ['rotation'] }),
        ]),
      );
      expect(received).toHaveLength(2);
      expect(await store.collection('alerts').count({ responseId: notActionable })).toBe(0);
      expect(await store.collection('alerts').count({ status: 'delivered' })).toBe(2);
    });

    it('retries a failing receiver with backoff and the same delivery id until it takes the alert', async () => {
      const inbox = await receiver((_req, index, res) => res.writeHead(index < 2 ? 500 : 200).end());
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config, random: () => 0.999 });

      expect(await worker.runOnce()).toBe(1);
      let alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
      expect(alert.nextAttemptAt).toEqual(new Date(now.getTime() + 1998)); // full jitter below 2 s
      expect(alert).not.toHaveProperty('leaseOwner');

      expect(await worker.runOnce()).toBe(0); // not due yet
      advance(1998);
      expect(await worker.runOnce()).toBe(1);
      alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'pending', attempts: 2 });
      expect(alert.nextAttemptAt).toEqual(new Date(now.getTime() + 3996)); // below 4 s

      advance(3996);
      expect(await worker.runOnce()).toBe(1);
      alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: now });
      expect(alert).not.toHaveProperty('lastError');

      expect(inbox.requests).toHaveLength(3);
      const ids = new Set(inbox.requests.map((r) => r.headers['heed-delivery-id']));
      expect([...ids]).toEqual([alert._id]);
      for (const request of inbox.requests) {
        expect(bodyOf(request).id).toBe(alert._id);
        expect(verifyWebhookSignature(SECRET, request.body, String(request.headers['heed-signature']), now)).toBe(true);
      }
      advance(3_600_000);
      expect(await worker.runOnce()).toBe(0);
    });

    it('gives up after maxAttempts, and retryAlert puts the alert back', async () => {
      let up = false;
      const inbox = await receiver((_req, _i, res) => res.writeHead(up ? 204 : 503).end());
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config, maxAttempts: 3 });

      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await worker.runOnce()).toBe(1);
        advance(3_600_000);
      }
      const failed = await alertFor(responseId);
      expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 503' });
      expect(await worker.runOnce()).toBe(0);

      await expect(retryAlert(store, 'nope', now)).rejects.toMatchObject({ code: 'HEED_ERR_NOT_FOUND', statusCode: 404 });
      expect(await retryAlert(store, failed._id, now)).toMatchObject({ id: failed._id, status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() });
      await expect(retryAlert(store, failed._id, now)).rejects.toMatchObject({ code: 'HEED_ERR_CONFLICT' });

      up = true;
      expect(await worker.runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(new Set(inbox.requests.map((r) => r.headers['heed-delivery-id']))).toEqual(new Set([failed._id]));
    });

    it('fails at once on a 4xx or a redirect', async () => {
      const inbox = await receiver((req, _i, res) => (req.url === '/pm-editor' ? res.writeHead(410).end() : res.writeHead(301, { location: '/x' }).end()));
      const config = configFor({ editor: inbox.url, growth: inbox.url });
      const gone = await ingest(config);
      const moved = await ingest(config, { surveyId: 'portal-cancel', answers: { reason: 'other', comment: 'bye' } });

      expect(await outbox({ config }).runOnce()).toBe(2);
      expect(await alertFor(gone)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 410' });
      expect(await alertFor(moved)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 301' });
    });

    it('honours Retry-After when it asks for longer than the backoff', async () => {
      const inbox = await receiver((_req, index, res) => (index === 0 ? res.writeHead(429, { 'retry-after': '120' }).end() : res.end()));
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config });

      await worker.runOnce();
      expect((await alertFor(responseId)).nextAttemptAt).toEqual(new Date(now.getTime() + 120_000));
      advance(119_999);
      expect(await worker.runOnce()).toBe(0);
      advance(1);
      expect(await worker.runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'delivered', attempts: 2 });
    });

    it('emails owners when an SMTP transport is configured', async () => {
      const smtp = await startSmtp();
      cleanup.push(smtp.close);
      const mailer = createMailer(smtp.url, 'Heed <heed@example.com>', 2000);
      cleanup.push(async () => mailer.transporter.close());
      const config = testConfig({ owners: [{ id: 'pm-editor', name: 'Editor PM', email: 'editor@example.com' }, { id: 'pm-growth', name: 'Growth PM' }] });
      const { id: responseId } = await ingestSubmission(
        { store, config, clock: () => now, channels: { email: true } },
        { submissionId: randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', answers: { score: 0, comment: 'broken' }, respondent: {}, context: {} },
      );

      expect(await outbox({ config, mailer }).runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ channel: 'email', status: 'delivered' });
      expect(smtp.mails.map((m) => m.to)).toEqual([['editor@example.com']]);
    });

    it('fails alerts whose owner left the config', async () => {
      const inbox = await receiver();
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const without = { ...config, owners: config.owners.filter((o) => o.id !== 'pm-editor') };
      expect(await outbox({ config: without }).runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'failed', lastError: 'owner "pm-editor" is no longer in the config' });
      expect(inbox.requests).toHaveLength(0);
    });
  });

  describe('leases', () => {
    itNeeds(engine, ['isolated concurrent updates of one document'], 'two workers over one store deliver every alert exactly once', async () => {
      // A little latency so the workers' claims interleave.
      const inbox = await receiver((_req, _i, res: ServerResponse) => {
        setTimeout(() => res.end(), 5);
      });
      const config = configFor({ editor: inbox.url }, {});
      const owners = config.owners.map((o) => (o.id === 'pm-editor' ? { ...o, slackWebhookUrl: `${inbox.url}/slack` } : o));
      const withSlack = { ...config, owners };
      for (let i = 0; i < 15; i += 1) await ingest(withSlack);
      expect(await store.collection('alerts').count({})).toBe(30);

      const [a, b] = [outbox({ config: withSlack }), outbox({ config: withSlack })];
      const [fromA, fromB] = await Promise.all([a.runOnce(), b.runOnce()]);

      expect(fromA + fromB).toBe(30);
      expect(inbox.requests).toHaveLength(30);
      const webhookIds = inbox.requests.filter((r) => r.url === '/pm-editor').map((r) => r.headers['heed-delivery-id']);
      expect(new Set(webhookIds).size).toBe(15);
      expect(await store.collection('alerts').count({ status: 'delivered' })).toBe(30);
    });

    it('leaves an alert claimed by another worker alone until the lease runs out', async () => {
      const inbox = await receiver();
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const alert = await alertFor(responseId);
      await store.collection('alerts').updateOne({ _id: alert._id }, { $set: { leaseOwner: 'crashed-worker', leaseUntil: new Date(now.getTime() + 30_000) } });

      const worker = outbox({ config });
      expect(await worker.runOnce()).toBe(0);
      advance(30_001);
      expect(await worker.runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'delivered' });
      expect(await alertFor(responseId)).not.toHaveProperty('leaseOwner');
    });

    it('stop() waits for the delivery in flight, and the loop polls by itself', async () => {
      let arrived!: () => void;
      const inFlight = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const inbox = await receiver((_req, _i, res) => {
        arrived();
        setTimeout(() => res.end(), 150);
      });
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config, pollMs: 10 });

      await inFlight;
      await worker.stop();
      expect(await alertFor(responseId)).toMatchObject({ status: 'delivered' });
    });
  });

  describe('listAlerts', () => {
    it('pages through alerts newest first, filtered', async () => {
      const inbox = await receiver();
      const config = configFor({ editor: inbox.url, growth: inbox.url });
      for (let i = 0; i < 5; i += 1) {
        await ingest(config);
        advance(1000);
      }
      await ingest(config, { surveyId: 'portal-cancel', answers: { reason: 'other', comment: 'x' } });

      const first = await listAlerts(store, { owner: 'pm-editor', limit: 2 });
      expect(first.items.map((a) => a.createdAt)).toEqual(['2026-03-04T10:00:04.000Z', '2026-03-04T10:00:03.000Z']);
      expect(first.items[0]).toEqual({
        id: expect.any(String),
        responseId: expect.any(String),
        ownerId: 'pm-editor',
        channel: 'webhook',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: '2026-03-04T10:00:04.000Z',
        createdAt: '2026-03-04T10:00:04.000Z',
      });
      const second = await listAlerts(store, { owner: 'pm-editor', limit: 2, cursor: first.nextCursor ?? '' });
      const third = await listAlerts(store, { owner: 'pm-editor', limit: 2, cursor: second.nextCursor ?? '' });
      expect([...second.items, ...third.items].map((a) => a.createdAt)).toEqual([
        '2026-03-04T10:00:02.000Z',
        '2026-03-04T10:00:01.000Z',
        '2026-03-04T10:00:00.000Z',
      ]);
      expect(third.nextCursor).toBeNull();

      expect((await listAlerts(store, { owner: 'pm-growth', limit: 50 })).items).toHaveLength(1);
      expect((await listAlerts(store, { status: 'delivered', limit: 50 })).items).toHaveLength(0);
      expect((await listAlerts(store, { channel: 'webhook', limit: 50 })).items).toHaveLength(6);
      await expect(listAlerts(store, { limit: 5, cursor: 'bogus' })).rejects.toMatchObject({ code: 'HEED_ERR_BAD_CURSOR' });
    });
  });
});
