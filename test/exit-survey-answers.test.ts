/**
 * Exit answers are kept, or the person is told they were not: the hosted uninstall page sends a comment
 * alone and the collector stores it (widget and collector apply one rule); and an answer the collector
 * refuses (here, the survey closed while it was on screen) is never thanked: the page says it could not
 * be sent and `show()` resolves `refused`. Real Chromium against real collectors.
 */
import { SNIPPET_STUB } from '@heed/widget/snippet';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

const THANKS = 'Thank you! Your feedback helps us improve.';
const NOT_SENT = 'Sorry, your answer could not be sent.';

let browser: Browser;
let host: WidgetHost;
/** Serves every survey. */
let open: RunningCollector;
/** The same surveys, closed: what the page meets when a survey closes while it is on screen. */
let closed: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  // The NPS prompt waits for an event, so only the survey under test is on each page.
  open = await startCollector({ config: (url) => widgetTestConfig(url, host.url, { events: ['never'] }) });
  closed = await startCollector({
    config: (url) => {
      const config = widgetTestConfig(url, host.url, { events: ['never'] });
      return { ...config, surveys: config.surveys.map((survey) => ({ ...survey, active: false })) };
    },
  });
  host.setCollector(open.url);

  // The hosted page's markup as the collector serves it, on the site, whose /v1 the test can point elsewhere.
  const exitSurvey = open.config.surveys.find((survey) => survey.id === 'extension-exit');
  const data = { endpoint: '', projectKey: 'pk_demo', survey: exitSurvey, context: { installId: 'refused-install', locale: 'en' } };
  host.serve(
    '/exit',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exit survey</title></head><body>
<main id="heed-hosted"></main>
<script type="application/json" id="heed-survey-data">${JSON.stringify(data)}</script>
<script type="module" src="/widget/hosted.js"></script></body></html>`,
  );
  host.serve(
    '/billing',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Billing</title><script>${SNIPPET_STUB}</script>
<script async src="/widget/heed.js" data-project="pk_demo" data-user-id="refused-cancel" data-plan="saas"></script></head>
<body><main><button id="cancel" type="button">Cancel subscription</button><div id="survey"></div><p id="result"></p>
<script>
document.getElementById('cancel').addEventListener('click', function () {
  heed.show('portal-cancel', { mount: document.getElementById('survey'), timeoutMs: 5000 }).then(function (result) {
    document.getElementById('result').textContent = result.status;
  });
});
</script></main></body></html>`,
  );
});
afterAll(async () => {
  await browser?.close();
  await open?.close();
  await closed?.close();
  await host?.close();
});

/** Everything the survey's live message says from now on, as it changes. */
async function recordMessages(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const root = document.querySelector('heed-survey')!.shadowRoot!;
    new MutationObserver(() => {
      const text = root.querySelector('[aria-live]')?.textContent ?? '';
      if (text && said.at(-1) !== text) said.push(text);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { said: string[] }).said);
}

describe('exit answers', () => {
  it('stores an uninstall answer that is a comment alone, sent from the hosted page', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${open.url}/s/extension-exit?installId=comment-only&version=3.1.0&locale=en`);
    await page.getByRole('textbox').fill('It kept logging me out');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(THANKS).waitFor();

    await expect.poll(() => storedResponses(open.url, 'extension-exit'), { timeout: 10_000 }).toEqual([
      expect.objectContaining({ answers: { comment: 'It kept logging me out' }, context: expect.objectContaining({ installId: 'comment-only' }) }),
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('never thanks for an answer the collector refuses: the hosted page says it could not be sent', async () => {
    host.setCollector(open.url);
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/exit`);
    await page.getByRole('checkbox', { name: "I didn't find it useful" }).check();
    const messages = await recordMessages(page);
    // The survey closes while the page is open.
    host.setCollector(closed.url);
    const refusal = page.waitForResponse((response) => response.url().endsWith('/v1/responses'));
    await page.getByRole('button', { name: 'Send' }).click();
    expect((await refusal).status()).toBe(409);

    await page.getByText(NOT_SENT).waitFor();
    // Longer than the thank-you waits for the collector's word, so a late thank-you would have come.
    await page.waitForTimeout(2000);
    expect(await messages()).toEqual([NOT_SENT]);
    // Refused for good: nothing left queued to send again.
    expect(await page.evaluate(() => localStorage.getItem('heed:outbox'))).toBeNull();
    await page.close();
  });

  it('resolves show() as refused when the collector refuses the cancel reason, and says so on the form', async () => {
    host.setCollector(open.url);
    const { page } = await watchedPage(browser);
    await page.goto(`${host.url}/billing`);
    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('radio', { name: 'Too expensive' }).check();
    const messages = await recordMessages(page);
    host.setCollector(closed.url);
    await page.getByRole('button', { name: 'Send' }).click();

    await expect.poll(() => page.locator('#result').textContent(), { timeout: 5000 }).toBe('refused');
    await page.getByText(NOT_SENT).waitFor();
    expect(await messages()).toEqual([NOT_SENT]);
    expect(await storedResponses(open.url, 'portal-cancel')).toEqual([]);
    expect(await storedResponses(closed.url, 'portal-cancel')).toEqual([]);
    await page.close();
  });
});
