/**
 * The collector's own pages in real Chromium, under their strict Content-Security-Policy: the hosted exit
 * survey and the demo billing portal, whose cancel flow must go ahead whether or not the widget loads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HeedConfigSchema } from '@heed/shared';
import { demoConfigFor, startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';

let browser: Browser;
let collector: RunningCollector | undefined;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

/** A page that records console errors, page errors and CSP violations. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
  return { page, problems };
}

describe('hosted exit survey page', () => {
  it('renders from the embedded data under its policy and stores the answer with the link context', async () => {
    // The project allows only its product's origin: the collector's own page needs no permission.
    collector = await startCollector({
      config: (url) =>
        HeedConfigSchema.parse({ ...demoConfigFor(url), projects: [{ key: 'pk_demo', name: 'Demo', allowedOrigins: ['https://app.example.com'] }] }),
    });
    const { page, problems } = await openPage();
    await page.goto(`${collector.url}/s/extension-exit?installId=demo-install&version=1.2.3&locale=en`);
    await page.getByRole('checkbox', { name: "I didn't find it useful" }).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you').waitFor();
    const [stored] = await storedResponses(collector.url, 'extension-exit');
    expect(stored).toMatchObject({ answers: { reasons: ['not-useful'] }, context: { installId: 'demo-install', extensionVersion: '1.2.3', locale: 'en' } });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('demo billing portal', () => {
  it('asks why, stores the reason with the plan, then cancels', async () => {
    collector = await startCollector();
    const { page, problems } = await openPage();
    await page.goto(`${collector.url}/demo/cancel`);
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('radio', { name: 'Too expensive' }).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').getByText('Subscription cancelled').waitFor();
    const [stored] = await storedResponses(collector.url, 'portal-cancel');
    expect(stored).toMatchObject({ answers: { reason: 'too-expensive' }, plan: 'saas' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cancels anyway when the widget cannot load', async () => {
    const emptyWidgetDir = await mkdtemp(join(tmpdir(), 'heed-no-widget-'));
    try {
      collector = await startCollector({ widgetDir: emptyWidgetDir });
      const page = await browser.newPage();
      await page.goto(`${collector.url}/demo/cancel`);
      await page.getByRole('button', { name: 'Cancel subscription' }).click();
      await page.getByRole('status').getByText('Subscription cancelled').waitFor({ timeout: 5_000 });
      await page.close();
    } finally {
      await rm(emptyWidgetDir, { recursive: true, force: true });
    }
  });
});
