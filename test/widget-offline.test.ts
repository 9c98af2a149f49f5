/**
 * Answers survive the collector being down: an NPS answer given while it is stopped is still delivered,
 * exactly once, after a page reload and a collector restart; and the cancel form fails open, resolving
 * `unavailable` within its timeout so the host's cancel flow goes on, with the answer delivered later.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HeedConfig } from '@heed/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

const OUTBOX_KEY = 'heed:outbox';
const CANCEL_TIMEOUT_MS = 1500;

let browser: Browser;
let host: WidgetHost;
let dataDir: string;
let collector: RunningCollector | undefined;
let config: (url: string) => HeedConfig;

const loader = (userId: string) => `<script async src="/widget/heed.js" data-project="pk_demo" data-user-id="${userId}" data-plan="saas"></script>`;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  host.serve('/editor', `<!doctype html><html lang="en"><head><title>Editor</title>${loader('offline-nps')}</head><body><main><h1>Doc</h1></main></body></html>`);
  host.serve(
    '/billing',
    `<!doctype html><html lang="en"><head><title>Billing</title>${loader('offline-cancel')}</head><body><main>
<button id="cancel" type="button">Cancel subscription</button><div id="survey"></div><p id="result"></p>
<script>
document.getElementById('cancel').addEventListener('click', function () {
  heed.show('portal-cancel', { mount: document.getElementById('survey'), timeoutMs: ${CANCEL_TIMEOUT_MS} }).then(function (result) {
    document.getElementById('result').textContent = result.status;
  });
});
</script></main></body></html>`,
  );
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'heed-widget-offline-'));
});
afterEach(async () => {
  await collector?.close();
  collector = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

/** Start (or restart) the collector on the same data and route the site's /v1 to it. */
async function startTheCollector(): Promise<RunningCollector> {
  collector = await startCollector({ dataDir, config });
  host.setCollector(collector.url);
  return collector;
}

async function stopTheCollector(): Promise<void> {
  host.setCollector(null);
  await collector?.close();
  collector = undefined;
}

const queued = (page: Page) =>
  page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as Array<{ url: string; body: { submissionId?: string } }>, OUTBOX_KEY);

describe('with the collector down', () => {
  it('keeps an NPS answer across a reload and delivers it exactly once after the restart', async () => {
    config = (url) => widgetTestConfig(url, host.url);
    await startTheCollector();
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/editor`);
    await page.getByRole('dialog').waitFor();

    await stopTheCollector();
    await page.getByRole('radio', { name: '2' }).click();
    await page.getByRole('textbox').fill('Crashed twice today');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();
    const [answer] = (await queued(page)).filter((item) => item.url.endsWith('/v1/responses'));
    expect(answer?.body.submissionId).toMatch(/^[0-9a-f-]{36}$/);

    await page.reload();
    await page.waitForFunction(() => window.heed && !('q' in window.heed));
    expect((await queued(page)).map((item) => item.body.submissionId)).toContain(answer!.body.submissionId);

    await startTheCollector();
    // Delivered by the page's own retries, with backoff.
    await expect.poll(() => storedResponses(collector!.url, 'app-nps'), { timeout: 30_000, interval: 250 }).toHaveLength(1);
    await expect.poll(() => queued(page), { timeout: 10_000 }).toEqual([]);

    // Another visit sends nothing again, and the collector still holds one answer.
    await page.reload();
    await page.waitForLoadState('networkidle');
    const [delivered] = await storedResponses(collector!.url, 'app-nps');
    expect(await storedResponses(collector!.url, 'app-nps')).toHaveLength(1);
    expect(delivered).toMatchObject({ submissionId: answer!.body.submissionId, answers: { score: 2, comment: 'Crashed twice today' } });
    await page.close();
  });

  it('resolves the cancel form as unavailable within its timeout, then delivers the reason once it is back', async () => {
    // The NPS prompt waits for an event here, so only the cancel form is on the page.
    config = (url) => widgetTestConfig(url, host.url, { events: ['never-tracked'] });
    await startTheCollector();
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/billing`);
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('radio', { name: 'Missing features I need' }).check();

    await stopTheCollector();
    const submittedAt = Date.now();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#result').textContent(), { timeout: CANCEL_TIMEOUT_MS + 2000, interval: 50 }).toBe('unavailable');
    const waited = Date.now() - submittedAt;
    expect(waited).toBeGreaterThanOrEqual(CANCEL_TIMEOUT_MS - 100);
    expect(waited).toBeLessThan(CANCEL_TIMEOUT_MS + 2000);

    await startTheCollector();
    await expect.poll(() => storedResponses(collector!.url, 'portal-cancel'), { timeout: 30_000, interval: 250 }).toEqual([
      expect.objectContaining({ answers: { reason: 'missing-features' }, plan: 'saas' }),
    ]);
    await page.close();
  });
});
