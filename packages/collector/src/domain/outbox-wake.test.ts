import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeedConfig, Submission } from '@heed/shared';
import { buildApp } from '../http/app.ts';
import { notifyChannels } from '../notify/channels.ts';
import { httpPost } from '../notify/http-post.ts';
import type { AlertDoc, Store } from '../store/store.ts';
import { ingestSubmission } from './ingest.ts';
import { retryAlert, startOutbox, wakeOnAlerts, type Outbox, type OutboxOptions } from './outbox.ts';
import { testEngines } from './test-engines.ts';
import { startReceiver, testConfig, useTestStore, type Receiver } from './test-support.ts';

const SECRET = 'whsec-outbox-wake-0123456789';
/** Longer than any test here runs: a worker with it never polls by itself. */
const NEVER = 3_600_000;

let store: Store;
const cleanup: (() => Promise<void>)[] = [];

async function receiver(respond?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const started = await startReceiver(respond);
  cleanup.push(started.close);
  return started;
}

function configFor(url: string): HeedConfig {
  return testConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM', webhookUrl: `${url}/pm-editor`, webhookSecret: SECRET },
      { id: 'pm-growth', name: 'Growth PM' },
    ],
  });
}

function worker(config: HeedConfig, options: Partial<OutboxOptions> = {}, on: Store = store): Outbox {
  const started = startOutbox({
    store: on,
    config,
    clock: () => new Date(),
    channels: notifyChannels({ post: httpPost, timeoutMs: 2000 }),
    workerId: `worker-${randomUUID().slice(0, 8)}`,
    random: () => 0,
    ...options,
  });
  cleanup.push(started.stop);
  return started;
}

function submission(fields: Partial<Submission> = {}): Submission {
  return { submissionId: randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', answers: { score: 2, comment: 'It crashed' }, respondent: { userId: 'u_1' }, context: { plan: 'saas' }, ...fields };
}

/** A routable answer stored on `on` (with its alert, due now). */
async function ingest(config: HeedConfig, on: Store = store): Promise<string> {
  const { id } = await ingestSubmission({ store: on, config, clock: () => new Date() }, submission());
  return id;
}

/** Waits (at most `maxMs`, checking every 5 ms) until `done()`; answers how long it took. */
async function within(maxMs: number, done: () => boolean | Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < 10_000 && performance.now() - started < maxMs; i += 1) {
    if (await done()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`not done within ${maxMs} ms`);
}

const alertOf = async (responseId: string): Promise<AlertDoc | undefined> => (await store.alerts.page({ responseId }, 10))[0];
/** The worker records the outcome once the receiver has answered: wait for that too. */
const delivered = (responseId: string) => within(5000, async () => (await alertOf(responseId))?.status === 'delivered');

/** Each test on a fresh store from `open`, with what it started stopped afterwards, newest first. */
function useStoreAndCleanup(open: Parameters<typeof useTestStore>[0]): void {
  useTestStore(open, (opened) => {
    store = opened;
  });
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
}

describe.each(testEngines())('on the $name store', (engine) => {
  useStoreAndCleanup(() => engine.open());

  it('a worker woken by the write that stored an alert delivers it without waiting for its poll, once', async () => {
    const inbox = await receiver();
    const config = configFor(inbox.url);
    let outbox: Outbox | undefined;
    const woken = wakeOnAlerts(store, () => outbox?.wake());
    outbox = worker(config, { pollMs: NEVER }, woken);

    const responseId = await ingest(config, woken);
    await within(5000, () => inbox.requests.length === 1);
    await delivered(responseId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inbox.requests).toHaveLength(1);
  });

  it('a write while a round is in flight gets a round of its own after it', async () => {
    // The first alert's receiver holds its answer: the second alert is committed while that round is busy.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const inbox = await receiver((_req, index, res) => {
      if (index === 0) void held.then(() => res.end('ok'));
      else res.end('ok');
    });
    const config = configFor(inbox.url);
    let outbox: Outbox | undefined;
    const woken = wakeOnAlerts(store, () => outbox?.wake());
    outbox = worker(config, { pollMs: NEVER }, woken);

    const first = await ingest(config, woken);
    await within(5000, () => inbox.requests.length === 1);
    const second = await ingest(config, woken);
    release();
    await within(5000, () => inbox.requests.length === 2);
    await delivered(first);
    await delivered(second);
  });

  it('a re-queued alert wakes the worker too', async () => {
    const inbox = await receiver((_req, index, res) => res.writeHead(index === 0 ? 400 : 200).end());
    const config = configFor(inbox.url);
    let outbox: Outbox | undefined;
    const woken = wakeOnAlerts(store, () => outbox?.wake());
    outbox = worker(config, { pollMs: NEVER }, woken);

    const responseId = await ingest(config, woken);
    await within(5000, async () => (await alertOf(responseId))?.status === 'failed');
    await retryAlert(woken, (await alertOf(responseId))!._id, new Date());
    await within(5000, async () => (await alertOf(responseId))?.status === 'delivered');
    expect(inbox.requests).toHaveLength(2);
  });

  it('gives back, not keeps leased, an alert re-queued while its round is still running', async () => {
    const inbox = await receiver((_req, index, res) => res.writeHead(index === 0 ? 400 : 200).end());
    const config = configFor(inbox.url);
    // The re-queue lands right after the failure is recorded, before the round's next claim: the round
    // claims the alert it has already seen.
    const racing: Store = {
      ...store,
      alerts: Object.assign(Object.create(store.alerts) as Store['alerts'], {
        recordAttempt: async (...args: Parameters<Store['alerts']['recordAttempt']>) => {
          const recorded = await store.alerts.recordAttempt(...args);
          await store.alerts.requeueFailed(args[0], new Date());
          return recorded;
        },
      }),
    };
    const outbox = worker(config, { pollMs: NEVER }, racing);
    const responseId = await ingest(config);
    expect(await outbox.runOnce()).toBe(1);
    const alert = await alertOf(responseId);
    expect(alert).toMatchObject({ status: 'pending', attempts: 0 });
    expect(alert).not.toHaveProperty('leaseOwner');
    // The next round delivers it at once, not after the lease would have run out.
    expect(await outbox.runOnce()).toBe(1);
    await delivered(responseId);
    expect(inbox.requests).toHaveLength(2);
  });

  it('backs off while there is nothing to send, and still picks up an alert it was not told about within maxPollMs', async () => {
    const inbox = await receiver();
    const config = configFor(inbox.url);
    let rounds = 0;
    const counted: Store = {
      ...store,
      responses: Object.assign(Object.create(store.responses) as Store['responses'], {
        resumeInterrupted: (now: Date) => {
          rounds += 1;
          return store.responses.resumeInterrupted(now);
        },
      }),
    };
    worker(config, { pollMs: 20, maxPollMs: 160 }, counted);

    // Idle: pauses of 20, 40, 80, then 160 ms: about 8 rounds in a second, not the 50 of a steady 20 ms poll.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(rounds).toBeGreaterThanOrEqual(4);
    expect(rounds).toBeLessThanOrEqual(12);

    // Stored as another collector would, straight into the store: no wake here, only the backed-off poll.
    const responseId = await ingest(config);
    const tookMs = await within(5000, () => inbox.requests.length === 1);
    expect(tookMs).toBeLessThan(160 + 500); // the bound, plus the delivery itself on a busy machine
    await delivered(responseId);

    // Having found work, it polls every pollMs again.
    const before = rounds;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rounds - before).toBeGreaterThanOrEqual(2);
  });
});

describe('the app', () => {
  useStoreAndCleanup(() => testEngines()[0]!.open());

  it('sends the alert of an answer it took in as soon as the answer is stored, not at its next poll', async () => {
    const inbox = await receiver();
    const app = await buildApp({ config: configFor(inbox.url), store, outbox: { pollMs: NEVER }, digest: false, followThrough: false, settingsPollMs: false });
    cleanup.push(() => app.close());
    const answer = await app.inject({ method: 'POST', url: '/v1/responses', payload: submission() });
    expect(answer.statusCode).toBe(202);
    await within(5000, () => inbox.requests.length === 1);
    expect(inbox.requests[0]?.url).toBe('/pm-editor');
  });

  it('with wake: false, leaves it to the poll and runOnce', async () => {
    const inbox = await receiver();
    const app = await buildApp({ config: configFor(inbox.url), store, outbox: { pollMs: NEVER, wake: false }, digest: false, followThrough: false, settingsPollMs: false });
    cleanup.push(() => app.close());
    expect((await app.inject({ method: 'POST', url: '/v1/responses', payload: submission() })).statusCode).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.requests).toHaveLength(0);
    expect(await app.outbox.runOnce()).toBe(1);
    expect(inbox.requests).toHaveLength(1);
  });
});
