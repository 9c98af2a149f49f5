/**
 * A collector that accepts the connection and never answers does not swallow an answer: the attempt hits
 * its deadline and is retried, and when the page goes away meanwhile the attempt still in flight goes out
 * as a beacon. When the hung request finally reaches the collector too, the submission id keeps the
 * answer stored once. Real Chromium, real collector; the test site holds the requests.
 */
import { SNIPPET_STUB } from '@heed/widget/snippet';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

/** The transport's deadline per attempt (ATTEMPT_TIMEOUT_MS), plus the longest first backoff and slack. */
const RETRY_WITHIN_MS = 10_000 + 1_000 + 4_000;

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

const answersPosted = () => host.requested.filter((path) => path === '/v1/responses').length;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  // The NPS prompt waits for an event, so only the survey under test is on each page.
  collector = await startCollector({ config: (url) => widgetTestConfig(url, host.url, { events: ['never'] }) });
  host.setCollector(collector.url);
  host.serve(
    '/billing',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Billing</title><script>${SNIPPET_STUB}</script>
<script async src="/widget/heed.js" data-project="pk_demo" data-user-id="deadline-cancel" data-plan="saas"></script></head>
<body><main><button id="cancel" type="button">Cancel subscription</button><div id="survey"></div><p id="result"></p>
<script>
document.getElementById('cancel').addEventListener('click', function () {
  heed.show('portal-cancel', { mount: document.getElementById('survey'), timeoutMs: 2000 }).then(function (result) {
    document.getElementById('result').textContent = result.status;
  });
});
</script></main></body></html>`,
  );
  const exitSurvey = collector.config.surveys.find((survey) => survey.id === 'extension-exit');
  const data = { endpoint: '', projectKey: 'pk_demo', survey: exitSurvey, context: { installId: 'deadline-install', locale: 'en' } };
  host.serve(
    '/exit',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exit survey</title></head><body>
<main id="heed-hosted"></main>
<script type="application/json" id="heed-survey-data">${JSON.stringify(data)}</script>
<script type="module" src="/widget/hosted.js"></script></body></html>`,
  );
  host.serve('/elsewhere', '<!doctype html><html lang="en"><head><title>Elsewhere</title></head><body><main>Another site</main></body></html>');
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

describe('an attempt that hangs', () => {
  it('is retried after its deadline and stored once, though the hung request arrives later too', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/billing`);
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('radio', { name: 'Missing features I need' }).check();

    const before = answersPosted();
    const hung = host.hold('/v1/responses');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(answersPosted).toBe(before + 1);
    hung.pass();
    // The host's flow went on meanwhile.
    await expect.poll(() => page.locator('#result').textContent(), { timeout: 4000 }).toBe('unavailable');

    await expect.poll(() => storedResponses(collector.url, 'portal-cancel'), { timeout: RETRY_WITHIN_MS, interval: 250 }).toEqual([
      expect.objectContaining({ answers: { reason: 'missing-features' }, plan: 'saas' }),
    ]);
    expect(answersPosted()).toBe(before + 2);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('heed:outbox'))).toBeNull();

    // The first request reaches the collector at last: the same submission, not a second answer.
    hung.release();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await storedResponses(collector.url, 'portal-cancel')).toHaveLength(1);
    await page.close();
  }, 40_000);

  it('goes out as a beacon when the page goes away before its deadline, and is stored once', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/exit`);
    await page.getByRole('checkbox', { name: 'It slowed my browser down' }).check();
    await page.getByRole('textbox').fill('Tabs froze');

    const before = answersPosted();
    const hung = host.hold('/v1/responses');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(answersPosted).toBe(before + 1);
    hung.pass();
    // Nobody comes back to an uninstall page: the person closes it, well within the attempt's deadline.
    await page.goto(`${host.url}/elsewhere`);

    await expect.poll(() => storedResponses(collector.url, 'extension-exit'), { timeout: 5000, interval: 200 }).toEqual([
      expect.objectContaining({ answers: { reasons: ['too-slow'], comment: 'Tabs froze' } }),
    ]);
    hung.release();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await storedResponses(collector.url, 'extension-exit')).toHaveLength(1);
    await page.close();
  });
});
