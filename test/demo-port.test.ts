/**
 * The repository's demo config, unchanged, with the collector on a port other than the default: its inbox
 * URLs are relative and resolve against the address the collector listens on, so a routed alert still
 * reaches the demo inbox, and alert links name that address.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HeedConfigInput } from '@heed/shared';
import { freePort, startCollectorProcess, TEST_ADMIN_TOKEN, type CollectorProcess } from './helpers/start-collector.ts';

const DEMO_CONFIG = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '..'), 'heed.config.json'), 'utf8')) as HeedConfigInput;

let collector: CollectorProcess;

beforeAll(async () => {
  let port = await freePort();
  if (port === 8787) port = await freePort();
  collector = await startCollectorProcess({ port, config: DEMO_CONFIG });
});
afterAll(async () => {
  await collector?.dispose();
});

it('delivers a routed alert to the demo inbox when PORT is not 8787', async () => {
  expect(collector.port).not.toBe(8787);
  const submissionId = crypto.randomUUID();
  const answer = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ submissionId, projectKey: 'pk_demo', surveyId: 'app-nps', answers: { score: 3, comment: 'on another port' } }),
  });
  expect(answer.status).toBe(202);

  const deadline = Date.now() + 15_000;
  let deliveries: { ownerId: string; payload: { response: { submissionId: string } } }[] = [];
  while (deliveries.length === 0 && Date.now() < deadline) {
    await new Promise((wait) => setTimeout(wait, 100));
    deliveries = ((await (await fetch(`${collector.url}/demo/inbox.json`)).json()) as { deliveries: typeof deliveries }).deliveries;
  }
  expect(deliveries).toMatchObject([{ ownerId: 'pm-editor', payload: { response: { submissionId } } }]);

  const alerts = await fetch(`${collector.url}/v1/alerts`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect((await alerts.json()).items).toMatchObject([{ ownerId: 'pm-editor', channel: 'webhook', status: 'delivered' }]);
});
