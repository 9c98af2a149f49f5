/**
 * Who has the keyboard: an NPS prompt that opens by itself (on page load, after its delay) leaves the focus
 * where the person is typing, says it is there through a live region, and waits in the tab order; one
 * opened by something the person did (a tracked action) takes the focus. Real Chromium, real collector.
 */
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './helpers/start-collector.ts';
import { focused, launchChromium, tabTo, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

const QUESTION = 'How likely are you to recommend us to a friend or colleague?';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

const editor = (userId: string, script = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Editor</title>
<script async src="/widget/heed.js" data-project="pk_demo" data-user-id="${userId}"></script></head>
<body><main><h1>Quarterly plan</h1><label for="doc">Document title</label> <input id="doc" autofocus>
<button id="export" type="button">Export</button>${script}</main></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({
    config: (url) => {
      // app-nps opens by itself 600 ms after the page loads; tracked-nps when the page tracks "exported".
      // No cooldown, so one person can meet both.
      const config = widgetTestConfig(url, host.url, { delayMs: 600 });
      const onLoad = config.surveys.find((survey) => survey.id === 'app-nps')!;
      return {
        ...config,
        projects: config.projects.map((project) => ({ ...project, cooldownDays: 0 })),
        surveys: [...config.surveys, { ...onLoad, id: 'tracked-nps', delayMs: 0, events: ['exported'] }],
      };
    },
  });
  host.setCollector(collector.url);
  host.serve('/editor-typing', editor('focus-typing'));
  host.serve('/editor-axe', editor('focus-axe'));
  host.serve(
    '/editor-export',
    editor('focus-export', `<script>document.getElementById('export').addEventListener('click', function () { heed.track('exported'); });</script>`),
  );
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' > ')}`));
  }, WCAG);
}

describe('a prompt that opens by itself', () => {
  it('leaves the keystrokes to the field being typed in, announces itself, and is reached with Tab', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${host.url}/editor-typing`);
    await page.locator('#doc').focus();
    await page.keyboard.type('Q3 plan ');
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    // Typed while the prompt is on screen: a "0" that must not answer it.
    await page.keyboard.type('v0');

    expect(await page.locator('#doc').inputValue()).toBe('Q3 plan v0');
    expect(await focused(page)).toBe('input Document title');
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    // The live region says what opened, for whoever cannot see it.
    await expect.poll(() => page.locator('heed-survey [role="status"]').textContent()).toBe(QUESTION);

    // Export, then the prompt at the end of the tab order.
    await tabTo(page, (name) => name === 'button[radio] 0 — not at all likely');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '1', exact: true }).getAttribute('aria-checked')).toBe('true');
    expect(host.requested).not.toContain('/v1/responses');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('passes axe while it waits, unfocused', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    await page.goto(`${host.url}/editor-axe`);
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await expect.poll(() => page.locator('heed-survey [role="status"]').textContent()).toBe(QUESTION);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a prompt opened by what the person did', () => {
  it('takes the focus, on the scale', async () => {
    const context = await browser.newContext();
    const { page, problems } = await watchedPage(context);
    // app-nps (it opens on load) is closed first, so the tracked prompt is the one on screen.
    await page.goto(`${host.url}/editor-export`);
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await tabTo(page, (name) => name === 'button Close');
    await page.keyboard.press('Enter');
    await page.locator('heed-survey').waitFor({ state: 'detached' });

    await page.locator('#export').click();
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await expect.poll(() => focused(page)).toBe('button[radio] 0 — not at all likely');
    expect(await page.locator('heed-survey [role="status"]').textContent()).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });
});
