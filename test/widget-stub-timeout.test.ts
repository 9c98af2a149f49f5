/**
 * The README's embed fails open before heed.js has loaded: with heed.js blocked, refused or hanging, the
 * stub resolves `show()` as `unavailable` within its `timeoutMs`, so a cancel flow that awaits it goes
 * on; and once a hanging heed.js arrives, an answer an earlier visit left queued is still delivered,
 * once. Real Chromium, real collector.
 */
import { SNIPPET_STUB } from '@heed/widget/snippet';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

const TIMEOUT_MS = 1500;

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

/** A billing page whose cancel flow awaits `show()` (started at once) and writes the status and how long it took. */
const billing = (loaderSrc: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Billing</title>
<script>${SNIPPET_STUB}</script>
<script async src="${loaderSrc}" data-project="pk_demo" data-user-id="stub-cancel" data-plan="saas"></script></head>
<body><main><div id="survey"></div><p id="result"></p>
<script>
var started = Date.now();
heed.show('portal-cancel', { mount: document.getElementById('survey'), timeoutMs: ${TIMEOUT_MS} }).then(function (result) {
  document.getElementById('result').textContent = result.status + ' ' + (Date.now() - started);
});
</script></main></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  // The NPS prompt waits for an event, so only the cancel form is on the page.
  collector = await startCollector({ config: (url) => widgetTestConfig(url, host.url, { events: ['never'] }) });
  host.setCollector(collector.url);
  host.serve('/billing', billing('/widget/heed.js'));
  host.serve('/billing-blocked', billing('/blocked/heed.js'));
  host.serve('/billing-refused', billing(`http://127.0.0.1:${await freePort()}/widget/heed.js`));
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

/** The status `show()` resolved with, once it has, and after how many ms. */
async function outcome(page: Page): Promise<{ status: string; ms: number }> {
  await expect.poll(() => page.locator('#result').textContent(), { timeout: TIMEOUT_MS + 3000, interval: 50 }).not.toBe('');
  const [status, ms] = (await page.locator('#result').textContent())!.split(' ');
  return { status: status!, ms: Number(ms) };
}

describe('show() before heed.js has loaded', () => {
  it('resolves unavailable in time when heed.js hangs', async () => {
    const held = host.hold('/widget/heed.js');
    const { page } = await watchedPage(browser);
    // A script that never arrives holds the load event, as it would on a real page.
    await page.goto(`${host.url}/billing`, { waitUntil: 'domcontentloaded' });
    const { status, ms } = await outcome(page);
    expect(status).toBe('unavailable');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    held.release();
    await page.close();
  });

  it('resolves unavailable in time when heed.js is refused', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/billing-refused`);
    const { status, ms } = await outcome(page);
    expect(status).toBe('unavailable');
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    await page.close();
  });

  it('resolves unavailable in time when a content blocker stops heed.js', async () => {
    const { page } = await watchedPage(browser);
    await page.route('**/blocked/heed.js', (route) => route.abort('blockedbyclient'));
    await page.goto(`${host.url}/billing-blocked`);
    const { status, ms } = await outcome(page);
    expect(status).toBe('unavailable');
    expect(ms).toBeLessThan(TIMEOUT_MS + 1000);
    await page.close();
  });

  it('still delivers an answer queued on an earlier visit once a hanging heed.js arrives, and shows nothing late', async () => {
    const context = await browser.newContext();
    const { page } = await watchedPage(context);
    // An earlier visit: the reason is given while the collector is down, and stays queued.
    await page.goto(`${host.url}/billing`);
    await page.getByRole('radio', { name: 'Missing features I need' }).check();
    host.setCollector(null);
    await page.getByRole('button', { name: 'Send' }).click();
    expect((await outcome(page)).status).toBe('unavailable');
    const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('heed:outbox') ?? '[]') as { url: string }[]);
    expect(queued.filter((item) => item.url.endsWith('/v1/responses'))).toHaveLength(1);
    await page.close();

    // This visit: the collector is back, but heed.js hangs past show()'s timeout.
    host.setCollector(collector.url);
    const held = host.hold('/widget/heed.js');
    const next = await watchedPage(context);
    await next.page.goto(`${host.url}/billing`, { waitUntil: 'domcontentloaded' });
    expect((await outcome(next.page)).status).toBe('unavailable');
    held.release();

    await expect.poll(() => storedResponses(collector.url, 'portal-cancel'), { timeout: 10_000, interval: 200 }).toEqual([
      expect.objectContaining({ answers: { reason: 'missing-features' }, plan: 'saas' }),
    ]);
    await expect.poll(() => next.page.evaluate(() => localStorage.getItem('heed:outbox')), { timeout: 5000 }).toBeNull();
    // The show() the host gave up on does not appear after the fact.
    await next.page.waitForLoadState('networkidle');
    expect(await next.page.locator('heed-survey').count()).toBe(0);
    expect(await storedResponses(collector.url, 'portal-cancel')).toHaveLength(1);
    await context.close();
  });
});
