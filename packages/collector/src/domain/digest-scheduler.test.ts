import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifyChannels } from '../notify/channels.ts';
import { httpPost } from '../notify/http-post.ts';
import { verifyWebhookSignature } from '../notify/webhook.ts';
import type { Store } from '../store/store.ts';
import { ingestSubmission } from './ingest.ts';
import { DIGEST_LEASE_MS, LATE_LIMIT_MS, startDigestScheduler, type DigestScheduler } from './digest-scheduler.ts';
import { testEngines } from './test-engines.ts';
import { startReceiver, testConfig, type Receiver } from './test-support.ts';

const SECRET = 'digest-test-secret-0123456789';
const due = new Date('2026-03-06T16:00:00Z'); // a Friday: the default schedule is Friday 16:00 UTC
const minutes = (n: number) => n * 60_000;

let store: Store;
let remove: () => Promise<void>;
let receiver: Receiver;
let now: Date;
/** The status the receiver answers with, by path; 200 when absent. */
let failing: Record<string, number>;
const schedulers: DigestScheduler[] = [];
let warnings: string[] = [];

beforeEach(async () => {
  failing = {};
  warnings = [];
  receiver = await startReceiver((request, _index, res) => {
    res.statusCode = failing[request.url] ?? 200;
    res.end();
  });
  now = new Date(due.getTime() + minutes(1));
});

afterEach(async () => {
  await receiver.close();
});

function config() {
  return testConfig({
    owners: [
      {
        id: 'pm-editor',
        name: 'Editor PM',
        webhookUrl: `${receiver.url}/hooks/editor`,
        webhookSecret: SECRET,
        slackWebhookUrl: `${receiver.url}/slack/editor`,
      },
      { id: 'pm-growth', name: 'Growth PM', webhookUrl: `${receiver.url}/hooks/growth`, webhookSecret: SECRET },
    ],
  });
}

function scheduler(workerId: string, intervalMs = 3600_000): DigestScheduler {
  const started = startDigestScheduler({
    store,
    config: config(),
    clock: () => now,
    channels: notifyChannels({ post: httpPost }),
    workerId,
    intervalMs,
    random: () => 0,
    log: { warn: (_details, message) => warnings.push(message) },
  });
  schedulers.push(started);
  return started;
}

const paths = () => receiver.requests.map((request) => request.url).sort();

describe.each(testEngines())('on the $name store', (engine) => {
  beforeEach(async () => {
    ({ store, remove } = await engine.open());
  });

  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((scheduler) => scheduler.stop()));
    await store.close();
    await remove();
  });

  describe('startDigestScheduler', () => {
    it('sends each due digest exactly once on every channel, however many collectors run', async () => {
      const arrival = new Date('2026-03-04T10:00:00Z');
      await ingestSubmission(
        { store, config: config(), clock: () => arrival },
        {
          submissionId: randomUUID(),
          projectKey: 'pk_test',
          surveyId: 'app-nps',
          answers: { score: 2, comment: 'slow <again>' },
          respondent: {},
          context: {},
        },
      );
      const a = scheduler('collector-a');
      const b = scheduler('collector-b');
      const sentAt = now;

      const [fromA, fromB] = await Promise.all([a.runDue(), b.runDue()]);
      expect([...fromA, ...fromB].map((d) => `${d.deliveryId}=${d.outcome.status}`).sort()).toEqual([
        'digest:pm-editor:2026-03-06:slack=delivered',
        'digest:pm-editor:2026-03-06:webhook=delivered',
        'digest:pm-growth:2026-03-06:webhook=delivered',
      ]);
      // Later rounds of the same period, on either collector, send nothing again.
      now = new Date(due.getTime() + minutes(90));
      await Promise.all([a.runDue(), b.runDue(), a.runDue()]);
      expect(paths()).toEqual(['/hooks/editor', '/hooks/growth', '/slack/editor']);

      const webhook = receiver.requests.find((request) => request.url === '/hooks/editor')!;
      expect(webhook.headers['heed-delivery-id']).toBe('digest:pm-editor:2026-03-06:webhook');
      expect(verifyWebhookSignature(SECRET, webhook.body, String(webhook.headers['heed-signature']), sentAt)).toBe(true);
      const body = JSON.parse(webhook.body);
      expect(body).toMatchObject({
        type: 'digest.weekly',
        id: 'digest:pm-editor:2026-03-06:webhook',
        digest: { owner: { id: 'pm-editor' }, periodKey: '2026-03-06', week: { responses: 1, detractors: 1, nps: -100 }, openTriage: 1 },
      });
      expect(body.digest.comments[0].comment).toBe('slow <again>');
      const slack = JSON.parse(receiver.requests.find((request) => request.url === '/slack/editor')!.body);
      expect(JSON.stringify(slack.blocks)).toContain('slow &lt;again&gt;');

      // The next week's digest is a new period.
      now = new Date('2026-03-13T16:00:00Z');
      await Promise.all([a.runDue(), b.runDue()]);
      const nextWeek = receiver.requests.filter((request) => request.headers['heed-delivery-id'] === 'digest:pm-editor:2026-03-13:webhook');
      expect(nextWeek).toHaveLength(1);
      expect(receiver.requests).toHaveLength(6);
    });

    it('retries only the channel that failed, on the schedule, from any collector, logging the failure', async () => {
      failing['/slack/editor'] = 503;
      const a = scheduler('collector-a');
      const b = scheduler('collector-b');
      const first = await a.runDue();
      expect(first.find((d) => d.channel === 'slack')?.outcome).toEqual({ status: 'retry', error: 'HTTP 503' });
      // A minute after the due time the schedule is past its 10 s step: the next wait is 1 min.
      expect(warnings).toEqual(['digest to owner pm-editor on slack not delivered: HTTP 503; retrying at 2026-03-06T16:02:00.000Z']);

      now = new Date(now.getTime() + minutes(1) - 1000);
      expect(await b.runDue()).toEqual([]);
      delete failing['/slack/editor'];
      now = new Date(now.getTime() + 2000);
      const retried = await b.runDue();
      expect(retried.map((d) => [d.deliveryId, d.outcome.status])).toEqual([['digest:pm-editor:2026-03-06:slack', 'delivered']]);
      expect(paths()).toEqual(['/hooks/editor', '/hooks/growth', '/slack/editor', '/slack/editor']);
    });

    it('takes over a delivery whose sender died once its lease expires', async () => {
      const until = new Date(now.getTime() + DIGEST_LEASE_MS);
      expect(await store.leases.acquire('digest:pm-growth:2026-03-06:webhook', 'dead', now, until)).toBe(true);
      const a = scheduler('collector-a');
      expect((await a.runDue()).map((d) => d.deliveryId)).not.toContain('digest:pm-growth:2026-03-06:webhook');
      now = new Date(now.getTime() + DIGEST_LEASE_MS);
      expect((await a.runDue()).map((d) => d.deliveryId)).toEqual(['digest:pm-growth:2026-03-06:webhook']);
    });

    it('does not send a digest more than a day overdue, nor one not yet due', async () => {
      const a = scheduler('collector-a');
      now = new Date(due.getTime() + LATE_LIMIT_MS + 1);
      expect(await a.runDue()).toEqual([]);
      now = new Date(due.getTime() - 1);
      // The digest due a week earlier is overdue by then too.
      expect(await a.runDue()).toEqual([]);
      expect(receiver.requests).toHaveLength(0);
    });

    it('looks for due digests on its own, every interval', async () => {
      scheduler('collector-a', 20);
      for (let waited = 0; receiver.requests.length < 3 && waited < 5000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(paths()).toEqual(['/hooks/editor', '/hooks/growth', '/slack/editor']);
    });
  });
});
