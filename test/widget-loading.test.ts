/**
 * What a prompt waits for: heed.js, the survey list, then the UI chunk and the strings of the page's
 * language at once (three round trips, not four), each fetched once. Real Chromium, real collector; the
 * test site holds the UI chunk to show that the strings do not wait for it.
 */
import type { Browser } from 'playwright-core';
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
  for (const [path, lang] of [['/editor', 'en'], ['/editor-de', 'de-AT']] as const) {
    host.serve(
      path,
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Editor</title>
<script async src="/widget/heed.js" data-project="pk_demo" data-user-id="loading-${lang}"></script></head><body><main><h1>Doc</h1></main></body></html>`,
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

describe('loading a prompt', () => {
  it.each([
    ['/editor', 'en', 'How likely are you to recommend us to a friend or colleague?'],
    ['/editor-de', 'de', 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?'],
  ])('%s fetches the %s strings alongside the UI chunk, not after it', async (path, language, question) => {
    const { page, problems } = await watchedPage(browser);
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    const ui = host.hold('/widget/ui-');
    await page.goto(`${host.url}${path}`);
    // The UI chunk is on its way (held), and the strings were asked for meanwhile.
    await expect.poll(() => fetched.filter((file) => file.startsWith('/widget/ui-')).length).toBe(1);
    await expect.poll(() => fetched.filter((file) => file.startsWith(`/widget/${language}-`)).length).toBe(1);
    ui.release();
    await page.getByRole('dialog', { name: question }).waitFor();

    const files = fetched.filter((file) => file !== '/favicon.ico').map((file) => file.replace(/-[\w-]{8}\.js$/, '.js'));
    expect(files.slice(0, 3)).toEqual([path, '/widget/heed.js', '/v1/projects/pk_demo/surveys']);
    expect(files.slice(3, 5).sort()).toEqual([`/widget/${language}.js`, '/widget/ui.js']);
    // Nothing else is fetched, the strings not a second time when the UI chunk imports them.
    expect(files.slice(5).filter((file) => file !== '/v1/displays')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
