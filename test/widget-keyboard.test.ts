/**
 * Each survey surface answered with the keyboard alone, in real Chromium, against a real collector: the
 * NPS slide-in and the cancel form on a customer's page (heed.js loaded cross-origin from the collector,
 * as the snippet does), and the hosted uninstall page on the collector.
 */
import { SNIPPET_STUB as STUB } from '@heed/widget/snippet';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';
import { focused, launchChromium, tabTo, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;


const page = (title: string, head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><main>${body}</main></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({ config: (url) => widgetTestConfig(url, host.url) });
  const loader = (userId: string, plan: string) =>
    `<script async src="${collector.url}/widget/heed.js" data-project="pk_demo" data-user-id="${userId}" data-plan="${plan}"></script>`;
  host.serve('/editor', page('Editor', loader('kbd-nps', 'saas'), '<h1>Quarterly plan</h1><p>Some document.</p>'));
  host.serve(
    '/billing',
    page(
      'Billing',
      `<script>${STUB}</script>${loader('kbd-cancel', 'self-managed')}`,
      `<h1>Your subscription</h1><button id="cancel" type="button">Cancel subscription</button><div id="survey"></div><p id="result" role="status"></p>
<script>
document.getElementById('cancel').addEventListener('click', function () {
  heed.show('portal-cancel', { mount: document.getElementById('survey') }).then(function (result) {
    document.getElementById('result').textContent = result.status;
  });
});
</script>`,
    ),
  );
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

describe('answered by keyboard only', () => {
  it('NPS slide-in: it opens by itself without the focus, Tab reaches the scale, arrows choose, Tab reaches the follow-up and Send', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${host.url}/editor`);
    await page.getByRole('dialog', { name: 'How likely are you to recommend us to a friend or colleague?' }).waitFor();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await tabTo(page, (name) => name === 'button[radio] 0 — not at all likely');

    for (let press = 0; press < 3; press += 1) await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('button[radio] 3');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('textarea What disappointed you, and what should we improve?');
    await page.keyboard.type('Search is slow');
    await tabTo(page, (name) => name === 'button Send');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();
    expect(await focused(page)).toBe('button Close');

    await expect.poll(() => storedResponses(collector.url, 'app-nps')).toEqual([
      expect.objectContaining({ answers: { score: 3, comment: 'Search is slow' }, category: 'detractor', plan: 'saas' }),
    ]);
    // The thank-you closes by itself, and focus goes back to the page.
    await page.locator('heed-survey').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('cancel form: Enter on the host button, arrows pick a reason, Tab to the comment and Send', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${host.url}/billing`);
    // This person is also due the NPS prompt, which opens by itself and leaves the focus on the page.
    await page.getByRole('dialog').waitFor();
    await tabTo(page, (name) => name === 'button Cancel subscription');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Why are you cancelling?' }).waitFor();
    expect(await focused(page)).toBe('input Too expensive');

    // Send without a reason: the error is announced with the group and focus goes to the first reason.
    await tabTo(page, (name) => name === 'button Send');
    await page.keyboard.press('Enter');
    await page.getByText('Please choose a reason or write a comment.').waitFor();
    expect(await focused(page)).toBe('input Too expensive');

    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Missing features I need' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('textarea Anything else you would like to tell us? (optional)');
    await page.keyboard.type('Need SSO');
    await tabTo(page, (name) => name === 'button Send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#result').textContent()).toBe('submitted');
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();

    expect(await storedResponses(collector.url, 'portal-cancel')).toEqual([
      expect.objectContaining({ answers: { reason: 'missing-features', comment: 'Need SSO' }, plan: 'self-managed' }),
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('hosted uninstall page: Tab through the reasons, Space to check, type, Enter to send', async () => {
    const { page, problems } = await watchedPage(browser);
    await page.goto(`${collector.url}/s/extension-exit?installId=kbd-install&version=2.0.0&locale=en`);
    await page.getByRole('heading', { name: 'Sorry to see you go' }).waitFor();

    await tabTo(page, (name) => name === "input I didn't find it useful");
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input It slowed my browser down');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Too many tabs');
    await tabTo(page, (name) => name === 'button Send');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();

    await expect.poll(() => storedResponses(collector.url, 'extension-exit')).toEqual([
      expect.objectContaining({
        answers: { reasons: ['not-useful', 'too-slow'], comment: 'Too many tabs' },
        context: expect.objectContaining({ installId: 'kbd-install', extensionVersion: '2.0.0', locale: 'en' }),
      }),
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
