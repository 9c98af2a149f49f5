/**
 * The widget on a customer page with a strict Content-Security-Policy (`default-src 'self'; script-src
 * 'self'; style-src 'self'`): heed.js and the collector API served from the page's own origin, no inline
 * script or style anywhere. Both surveys work, are styled, and the browser reports no violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector, storedResponses } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'";

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({ config: (url) => widgetTestConfig(url, host.url) });
  host.setCollector(collector.url);
  host.serve(
    '/account',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Account</title>
<link rel="stylesheet" href="/account.css">
<script src="/account.js"></script>
<script async src="/widget/heed.js" data-project="pk_demo" data-user-id="csp-user" data-plan="saas"></script>
</head><body><main><h1>Account</h1><button id="cancel" type="button">Cancel subscription</button><div id="survey"></div><p id="result"></p></main></body></html>`,
    { 'content-security-policy': POLICY },
  );
  host.serve('/account.css', 'body { font-family: sans-serif; }', { 'content-type': 'text/css' });
  // The snippet's stub and the host's own code, as a same-origin file: no inline script is allowed.
  host.serve(
    '/account.js',
    `window.heed = window.heed || (function (h) {
  ['init', 'identify', 'track', 'show'].forEach(function (m) {
    h[m] = function () { var a = arguments; return new Promise(function (r) { h.q.push([m, a, r]); }); };
  });
  return h;
})({ q: [] });
window.heed.identify({ accountId: 'acct-7' });
document.addEventListener('DOMContentLoaded', function () {
  document.getElementById('cancel').addEventListener('click', function () {
    window.heed.show('portal-cancel', { mount: document.getElementById('survey') }).then(function (result) {
      document.getElementById('result').textContent = result.status;
    });
  });
});`,
  );
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

describe('under a strict Content-Security-Policy', () => {
  it('shows, styles and sends both surveys with no violation and nothing added to <head>', async () => {
    const { page, problems } = await watchedPage(browser);
    const response = await page.goto(`${host.url}/account`);
    expect(response?.headers()['content-security-policy']).toBe(POLICY);
    const head = await page.evaluate(() => document.head.innerHTML);

    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Styled from the shadow root: fixed in the corner, over the page.
    const box = await page.locator('heed-survey .panel').evaluate((panel) => {
      const style = getComputedStyle(panel);
      return { position: style.position, borderRadius: style.borderTopLeftRadius };
    });
    expect(box).toEqual({ position: 'fixed', borderRadius: '12px' });

    await page.getByRole('radio', { name: '10 — extremely likely' }).click();
    await page.getByRole('textbox', { name: 'What do you like most?' }).fill('The offline mode');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();

    await page.getByRole('button', { name: 'Cancel subscription' }).click();
    await page.getByRole('radio', { name: 'Too expensive' }).check();
    await page.locator('#survey').getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.locator('#result').textContent()).toBe('submitted');

    expect(await storedResponses(collector.url, 'app-nps')).toEqual([
      expect.objectContaining({
        answers: { score: 10, comment: 'The offline mode' },
        respondent: expect.objectContaining({ userId: 'csp-user', accountId: 'acct-7' }),
      }),
    ]);
    expect(await storedResponses(collector.url, 'portal-cancel')).toEqual([expect.objectContaining({ answers: { reason: 'too-expensive' }, plan: 'saas' })]);
    expect(await page.evaluate(() => document.head.innerHTML)).toBe(head);
    expect(problems).toEqual([]);
    await page.close();
  });
});
