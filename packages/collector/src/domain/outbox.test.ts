import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeedConfig, HeedConfigInput, Submission } from '@heed/shared';
import type { AlertFilter, Store } from '../store/store.ts';
import { notifyChannels } from '../notify/channels.ts';
import { httpPost } from '../notify/http-post.ts';
import type { Mailer } from '../notify/email.ts';
import { createMailer } from '../notify/smtp-mailer.ts';
import { verifyWebhookSignature } from '../notify/webhook.ts';
import { MAX_ATTEMPTS, RETRY_WINDOW_MS } from './delivery.ts';
import { buildDigest } from './digest.ts';
import { ingestSubmission } from './ingest.ts';
import { listAlertAttempts, listAlerts, retryAlert, startOutbox, type Outbox, type OutboxOptions } from './outbox.ts';
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

/** What the workers logged: one entry per failed attempt. */
let warnings: { details: Record<string, unknown>; message: string }[] = [];
const log = { warn: (details: object, message: string) => warnings.push({ details: details as Record<string, unknown>, message }) };

function outbox(options: Partial<OutboxOptions> & Pick<OutboxOptions, 'config'> & { mailer?: Mailer }): Outbox {
  const { mailer, ...rest } = options;
  const started = startOutbox({
    store,
    clock: () => now,
    channels: notifyChannels({ post: httpPost, ...(mailer && { mailer }), timeoutMs: 2000 }),
    workerId: `worker-${randomUUID().slice(0, 8)}`,
    pollMs: 3_600_000, // tests drive runOnce
    random: () => 0,
    log,
    ...rest,
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
const alertsWhere = (filter: AlertFilter) => store.alerts.page(filter, 1000);
const alertFor = async (responseId: string) => {
  const [alert] = await alertsWhere({ responseId });
  if (!alert) throw new Error(`no alert for ${responseId}`);
  return alert;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    (opened) => {
      store = opened;
      now = new Date('2026-03-04T10:00:00Z');
      warnings = [];
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
      expect(await alertsWhere({ responseId: notActionable })).toHaveLength(0);
      expect(await alertsWhere({ status: 'delivered' })).toHaveLength(2);
      expect(warnings).toEqual([]);
    });

    it('retries a failing receiver on the schedule with the same delivery id until it takes the alert, logging each failure', async () => {
      const inbox = await receiver((_req, index, res) => res.writeHead(index < 2 ? 500 : 200).end());
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config });

      expect(await worker.runOnce()).toBe(1);
      let alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
      expect(alert.nextAttemptAt).toEqual(new Date(now.getTime() + 10_000));
      expect(alert).not.toHaveProperty('leaseOwner');

      expect(await worker.runOnce()).toBe(0); // not due yet
      advance(10_000);
      expect(await worker.runOnce()).toBe(1);
      alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'pending', attempts: 2 });
      expect(alert.nextAttemptAt).toEqual(new Date(now.getTime() + 60_000));

      advance(60_000);
      expect(await worker.runOnce()).toBe(1);
      alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: now });

      expect(inbox.requests).toHaveLength(3);
      expect([...new Set(inbox.requests.map((r) => r.headers['heed-delivery-id']))]).toEqual([alert._id]);
      for (const request of inbox.requests) {
        expect(bodyOf(request).id).toBe(alert._id);
        expect(verifyWebhookSignature(SECRET, request.body, String(request.headers['heed-signature']), now)).toBe(true);
      }
      expect((await listAlertAttempts(store, alert._id)).items.map((a) => [a.status, a.error])).toEqual([
        ['retry', 'HTTP 500'],
        ['retry', 'HTTP 500'],
        ['delivered', undefined],
      ]);
      expect(warnings.map((w) => w.message)).toEqual([
        'alert to owner pm-editor on webhook not delivered: HTTP 500; retrying at 2026-03-04T10:00:10.000Z',
        'alert to owner pm-editor on webhook not delivered: HTTP 500; retrying at 2026-03-04T10:01:10.000Z',
      ]);
      expect(warnings[0]?.details).toMatchObject({ what: 'alert', deliveryId: alert._id, ownerId: 'pm-editor', channel: 'webhook', attempt: 1, error: 'HTTP 500' });
      advance(3_600_000);
      expect(await worker.runOnce()).toBe(0);
    });

    it('stretches each delay by at most 10% of jitter, never shortens it', async () => {
      const inbox = await receiver((_req, _i, res) => res.writeHead(503).end());
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      await outbox({ config, random: () => 0.999 }).runOnce();
      const delay = (await alertFor(responseId)).nextAttemptAt.getTime() - now.getTime();
      expect(delay).toBeGreaterThan(10_000);
      expect(delay).toBeLessThanOrEqual(11_000);
    });

    it('fails at once on a 4xx or a redirect, and logs it', async () => {
      const inbox = await receiver((req, _i, res) => (req.url === '/pm-editor' ? res.writeHead(410).end() : res.writeHead(301, { location: '/x' }).end()));
      const config = configFor({ editor: inbox.url, growth: inbox.url });
      const gone = await ingest(config);
      const moved = await ingest(config, { surveyId: 'portal-cancel', answers: { reason: 'other', comment: 'bye' } });

      expect(await outbox({ config }).runOnce()).toBe(2);
      expect(await alertFor(gone)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 410', failedAt: now });
      expect(await alertFor(moved)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'HTTP 301' });
      expect(warnings.map((w) => w.message).sort()).toEqual([
        'alert to owner pm-editor on webhook not delivered: HTTP 410; given up',
        'alert to owner pm-growth on webhook not delivered: HTTP 301; given up',
      ]);
    });

    it('honours Retry-After when it asks for longer than the schedule', async () => {
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

    it('fails alerts whose owner left the config, or whose channel this collector lacks', async () => {
      const inbox = await receiver();
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const without = { ...config, owners: config.owners.filter((o) => o.id !== 'pm-editor') };
      expect(await outbox({ config: without }).runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'failed', lastError: 'owner "pm-editor" is no longer in the config' });

      const other = await ingest(config);
      expect(await outbox({ config, channels: {} }).runOnce()).toBe(1);
      expect(await alertFor(other)).toMatchObject({ status: 'failed', lastError: 'no webhook channel is set up' });
      expect(inbox.requests).toHaveLength(0);
    });
  });

  it('completes answers a crashed writer left half done before it delivers, on every round', async () => {
    const resumedAt: Date[] = [];
    const real = store;
    const spied: Store = { ...real, responses: { ...real.responses, resumeInterrupted: async (at) => (resumedAt.push(at), real.responses.resumeInterrupted(at)) } };
    const worker = outbox({ config: testConfig(), store: spied });
    await worker.runOnce();
    await worker.runOnce();
    expect(resumedAt).toEqual([now, now]);
  });

  describe('an outage of days', () => {
    /** Runs the worker at each due time until the alert is settled or `until`; answers the attempt times. */
    async function runUntilSettled(worker: Outbox, responseId: string, until: Date): Promise<Date[]> {
      const times: Date[] = [];
      for (;;) {
        expect(await worker.runOnce()).toBe(1);
        times.push(now);
        const alert = await alertFor(responseId);
        if (alert.status !== 'pending' || alert.nextAttemptAt > until) return times;
        now = alert.nextAttemptAt;
      }
    }

    it('delivers an alert to a receiver down for 3 days once it is back, on the schedule, each failure logged', async () => {
      const start = now;
      const backAt = new Date(start.getTime() + RETRY_WINDOW_MS);
      const inbox = await receiver((_req, _i, res) => res.writeHead(now < backAt ? 503 : 200).end());
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config });

      const times = await runUntilSettled(worker, responseId, new Date(start.getTime() + 10 * 24 * 3600_000));
      const gaps = times.slice(1).map((at, i) => (at.getTime() - (times[i] as Date).getTime()) / 1000);
      const h = 3600;
      expect(gaps).toEqual([10, 60, 300, 1800, 2 * h, 6 * h, 12 * h, 12 * h, 12 * h, 12 * h, 12 * h, 12 * h]);
      expect(times.at(-1)?.getTime()).toBeGreaterThan(backAt.getTime());

      const alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'delivered', attempts: MAX_ATTEMPTS });
      expect(inbox.requests).toHaveLength(MAX_ATTEMPTS);
      expect(new Set(inbox.requests.map((r) => r.headers['heed-delivery-id']))).toEqual(new Set([alert._id]));
      const attempts = (await listAlertAttempts(store, alert._id)).items;
      expect(attempts.map((a) => a.status)).toEqual([...Array(MAX_ATTEMPTS - 1).fill('retry'), 'delivered']);
      expect(warnings).toHaveLength(MAX_ATTEMPTS - 1);
      for (const warning of warnings) expect(warning.message).toMatch(/^alert to owner pm-editor on webhook not delivered: HTTP 503; retrying at /);
    });

    it('gives up on a receiver that stays down only after 3 days: failed, its attempts listed, logged, in the next digest', async () => {
      const start = now;
      const inbox = await receiver((_req, _i, res) => res.writeHead(503).end());
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const worker = outbox({ config });

      const times = await runUntilSettled(worker, responseId, new Date(start.getTime() + 10 * 24 * 3600_000));
      expect(times).toHaveLength(MAX_ATTEMPTS);
      const alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastError: 'HTTP 503' });
      expect(alert.failedAt?.getTime()).toBeGreaterThanOrEqual(start.getTime() + RETRY_WINDOW_MS);
      expect(await worker.runOnce()).toBe(0);

      const attempts = (await listAlertAttempts(store, alert._id)).items;
      expect(attempts).toHaveLength(MAX_ATTEMPTS);
      expect(attempts.at(-1)).toEqual({ at: alert.failedAt?.toISOString(), status: 'failed', error: 'HTTP 503' });
      expect(warnings).toHaveLength(MAX_ATTEMPTS);
      expect(warnings.at(-1)?.message).toBe('alert to owner pm-editor on webhook not delivered: HTTP 503; given up');
      expect((await listAlerts(store, { status: 'failed', limit: 10 })).items).toMatchObject([{ id: alert._id, failedAt: alert.failedAt?.toISOString() }]);

      // The owner's digest for the week it failed in lists it (default schedule: Fridays 16:00 UTC).
      const digest = await buildDigest({ store, config, clock: () => now }, 'pm-editor', new Date('2026-03-13T16:00:00Z'));
      expect(digest.failedAlerts).toEqual([
        { id: alert._id, responseId, channel: 'webhook', attempts: MAX_ATTEMPTS, failedAt: alert.failedAt?.toISOString(), lastError: 'HTTP 503' },
      ]);

      await expect(retryAlert(store, 'nope', now)).rejects.toMatchObject({ code: 'HEED_ERR_NOT_FOUND', statusCode: 404 });
      expect(await retryAlert(store, alert._id, now)).toMatchObject({ id: alert._id, status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() });
      await expect(retryAlert(store, alert._id, now)).rejects.toMatchObject({ code: 'HEED_ERR_CONFLICT' });
      await expect(listAlertAttempts(store, 'nope')).rejects.toMatchObject({ code: 'HEED_ERR_NOT_FOUND' });
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
      expect(await alertsWhere({})).toHaveLength(30);

      const [a, b] = [outbox({ config: withSlack }), outbox({ config: withSlack })];
      const [fromA, fromB] = await Promise.all([a.runOnce(), b.runOnce()]);

      expect(fromA + fromB).toBe(30);
      expect(inbox.requests).toHaveLength(30);
      const webhookIds = inbox.requests.filter((r) => r.url === '/pm-editor').map((r) => r.headers['heed-delivery-id']);
      expect(new Set(webhookIds).size).toBe(15);
      expect(await alertsWhere({ status: 'delivered' })).toHaveLength(30);
    });

    it('leaves an alert claimed by another worker alone until the lease runs out', async () => {
      const inbox = await receiver();
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      expect(await store.alerts.claimNextDue('crashed-worker', now, new Date(now.getTime() + 30_000))).toMatchObject({ responseId });

      const worker = outbox({ config });
      expect(await worker.runOnce()).toBe(0);
      advance(30_001);
      expect(await worker.runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'delivered' });
      expect(await alertFor(responseId)).not.toHaveProperty('leaseOwner');
    });

    it('a worker whose lease passed to another cannot record its outcome: a delivered alert stays delivered', async () => {
      // Real time: the slow worker's short lease runs out while its receiver answers.
      now = new Date(Date.now() - 1000);
      const first = { arrived: false };
      const inbox = await receiver((_req, index, res) => {
        if (index === 0) {
          first.arrived = true;
          setTimeout(() => res.writeHead(500).end(), 600);
        } else res.writeHead(200).end();
      });
      const config = configFor({ editor: inbox.url });
      const responseId = await ingest(config);
      const clock = () => new Date();
      const slow = outbox({ config, clock, leaseMs: 200, workerId: 'slow-worker' });
      const fast = outbox({ config, clock, leaseMs: 200, workerId: 'fast-worker' });

      const slowRun = slow.runOnce();
      while (!first.arrived) await sleep(10);
      await sleep(300); // the slow worker's lease has run out; its receiver has not answered yet
      expect(await fast.runOnce()).toBe(1);
      expect(await alertFor(responseId)).toMatchObject({ status: 'delivered', attempts: 1 });

      expect(await slowRun).toBe(1); // its 500 arrives now, too late to count
      const alert = await alertFor(responseId);
      expect(alert).toMatchObject({ status: 'delivered', attempts: 1 });
      expect(alert).not.toHaveProperty('lastError');
      expect((await listAlertAttempts(store, alert._id)).items.map((a) => a.status)).toEqual(['delivered']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.details).toMatchObject({ recorded: false, error: 'HTTP 500' });
      expect(warnings[0]?.message).toContain('outcome not recorded: another worker holds the delivery now');
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
