/**
 * The NPS prompt does not nag: once shown, it stays away for the recontact window on the same browser
 * (local memory) and on another device (the collector's record of displays), also after the project's
 * cooldown has passed, and comes back once the window has; a page where nothing is due fetches nothing
 * beyond heed.js and the survey list.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({ config: (url) => widgetTestConfig(url, host.url) });
  host.setCollector(collector.url);
  for (const user of ['returning', 'fresh', 'past-cooldown']) {
    host.serve(
      `/editor-${user}`,
      `<!doctype html><html lang="en"><head><title>Editor</title><script async src="/widget/heed.js" data-project="pk_demo" data-user-id="${user}"></script></head><body><main><h1>Doc</h1></main></body></html>`,
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

/** Load `path` and report what the page fetched once the survey list has arrived and any prompt had time to show. */
async function visit(page: Page, path: string): Promise<{ fetched: string[]; prompted: boolean }> {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const surveys = page.waitForResponse((response) => response.url().includes('/v1/projects/pk_demo/surveys'));
  await page.goto(`${host.url}${path}`);
  await surveys;
  const prompted = await page
    .getByRole('dialog')
    .waitFor({ timeout: 1500 })
    .then(
      () => true,
      () => false,
    );
  return { fetched, prompted };
}

describe('recontact window', () => {
  it('does not show the prompt again, on this browser or another, and loads only the loader meanwhile', async () => {
    const first = await browser.newContext();
    const { page, problems } = await watchedPage(first);
    const shownRecorded = page.waitForResponse((response) => response.url().endsWith('/v1/displays') && response.status() === 202);
    expect((await visit(page, '/editor-returning')).prompted).toBe(true);
    await shownRecorded;
    // Dismissed, and the collector told so (nothing left queued to deliver on the next visit).
    const dismissRecorded = page.waitForResponse((response) => response.url().endsWith('/v1/displays') && response.status() === 202);
    // It opened by itself, so the focus is still on the page: closed with its button.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('heed-survey').waitFor({ state: 'detached' });
    await dismissRecorded;

    const again = await visit(page, '/editor-returning');
    expect(again.prompted).toBe(false);
    expect(again.fetched).toEqual(['/editor-returning', '/widget/heed.js', '/v1/projects/pk_demo/surveys']);
    expect(problems).toEqual([]);

    // Another device: nothing in its storage, but the collector remembers the display.
    const second = await browser.newContext();
    const elsewhere = await visit((await watchedPage(second)).page, '/editor-returning');
    expect(elsewhere.prompted).toBe(false);
    expect(elsewhere.fetched.some((path) => path.startsWith('/widget/ui-'))).toBe(false);

    // Someone who was never asked is asked.
    expect((await visit((await watchedPage(second)).page, '/editor-fresh')).prompted).toBe(true);
    await first.close();
    await second.close();
  });
});

describe('recontact window past the cooldown', () => {
  const DAY = 86_400_000;

  it('keeps the prompt away 40 days on (the 30-day cooldown is over, the 90-day window is not) and asks again after 91', async () => {
    const start = Date.now();
    const first = await browser.newContext();
    const { page, problems } = await watchedPage(first);
    const shownRecorded = page.waitForResponse((response) => response.url().endsWith('/v1/displays') && response.status() === 202);
    expect((await visit(page, '/editor-past-cooldown')).prompted).toBe(true);
    await shownRecorded;
    const dismissRecorded = page.waitForResponse((response) => response.url().endsWith('/v1/displays') && response.status() === 202);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.locator('heed-survey').waitFor({ state: 'detached' });
    await dismissRecorded;

    // The browser's clock moves on; the collector's record keeps the real time of the display.
    await first.clock.setFixedTime(start + 40 * DAY);
    expect((await visit(page, '/editor-past-cooldown')).prompted).toBe(false);
    // Another device, with nothing in its storage: the collector's record holds the window.
    const second = await browser.newContext();
    await second.clock.setFixedTime(start + 40 * DAY);
    expect((await visit((await watchedPage(second)).page, '/editor-past-cooldown')).prompted).toBe(false);

    await first.clock.setFixedTime(start + 91 * DAY);
    expect((await visit(page, '/editor-past-cooldown')).prompted).toBe(true);
    expect(problems).toEqual([]);
    await first.close();
    await second.close();
  });
});
