/**
 * The first path end to end, as a newcomer sees it: the collector runs as its own process (`server.ts`),
 * the demo product page embeds the snippet, a person answers the NPS prompt with the keyboard alone (3,
 * with a comment), the answer is stored, and the product manager who owns the editor receives a signed
 * webhook at their own receiver, which checks the signature the way the README tells receivers to.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { HeedConfigInput } from '@heed/shared';
import { demoConfigFor, startCollectorProcess, TEST_ADMIN_TOKEN, type CollectorProcess } from './helpers/start-collector.ts';

const SECRET = 'receiver-secret-0123456789abcdef';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let browser: Browser;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let collector: CollectorProcess;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/heed`;

  collector = await startCollectorProcess({
    config: (url): HeedConfigInput => {
      const demo = demoConfigFor(url);
      return {
        ...demo,
        owners: demo.owners?.map((owner) => (owner.id === 'pm-editor' ? { ...owner, webhookUrl: receiverUrl, webhookSecret: SECRET } : owner)),
      };
    },
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await collector?.dispose();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** What has focus, looking through shadow roots: its role, accessible name and tag. */
function focused(page: Page) {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return {
      tag: element?.tagName.toLowerCase(),
      role: element?.getAttribute('role'),
      checked: element?.getAttribute('aria-checked'),
      text: element?.textContent?.trim(),
    };
  });
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

/** `Heed-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, checked as a receiver would. */
function signatureVerifies(header: string, body: string, secret: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

it('an NPS answer of 3 with a comment, given by keyboard on the demo page, reaches the editor PM as a signed webhook', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(`${collector.url}/demo`);

  // The prompt opens by itself after the survey's delay, leaving the focus on the page; Tab reaches its scale.
  await page.getByRole('radiogroup').waitFor({ timeout: 15_000 });
  for (let i = 0; i < 30 && (await focused(page)).role !== 'radio'; i += 1) await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ role: 'radio', text: '0' });
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toMatchObject({ role: 'radio', checked: 'true', text: '3' });

  await page.keyboard.press('Tab');
  expect((await focused(page)).tag).toBe('textarea');
  const comment = 'Autosave lost my <draft> & two hours of work';
  await page.keyboard.type(comment);
  // Tab to the Send button, passing "Ask me later".
  for (let i = 0; i < 4 && (await focused(page)).text !== 'Send'; i += 1) await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('Send');
  await page.keyboard.press('Enter');
  await page.getByText('Thank you').waitFor();

  // Stored once, routed to the editor PM.
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const stored = await eventually(async () => {
    const { items } = (await (await fetch(`${collector.url}/v1/responses?survey=app-nps`, { headers: admin })).json()) as {
      items: Record<string, unknown>[];
    };
    return items.length > 0 ? items : undefined;
  });
  expect(stored).toHaveLength(1);
  // The demo gives each browser its own user id, kept in its localStorage.
  const visitor = await page.evaluate(() => localStorage.getItem('heed.demo.visitor'));
  expect(visitor).toMatch(/^visitor-/);
  expect(stored[0]).toMatchObject({
    surveyId: 'app-nps',
    answers: { score: 3, comment },
    category: 'detractor',
    respondent: { userId: visitor },
    plan: 'saas',
    routing: { status: 'routed', owner: 'pm-editor' },
  });

  // The owner's receiver gets one signed delivery.
  const [delivery] = await eventually(async () => (received.length > 0 ? received : undefined));
  expect(received).toHaveLength(1);
  expect(delivery!.headers['content-type']).toMatch(/^application\/json/);
  expect(delivery!.headers['heed-delivery-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(signatureVerifies(String(delivery!.headers['heed-signature']), delivery!.body, SECRET)).toBe(true);
  expect(signatureVerifies(String(delivery!.headers['heed-signature']), `${delivery!.body} `, SECRET)).toBe(false);
  const payload = JSON.parse(delivery!.body) as Record<string, unknown>;
  expect(payload).toMatchObject({
    type: 'response.routed',
    id: delivery!.headers['heed-delivery-id'],
    response: { id: stored[0]!.id, answers: { score: 3, comment } },
    owner: { id: 'pm-editor' },
  });
  expect(problems).toEqual([]);
  await page.close();
});
