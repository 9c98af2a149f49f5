/**
 * The NPS prompt does not nag: once shown, it stays away for the recontact window on the same browser
 * (local memory) and on another device (the collector's record of displays), and a page where nothing is
 * due fetches nothing beyond heed.js and the survey list.
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
  for (const user of ['returning', 'fresh']) {
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
    await page.keyboard.press('Escape');
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
