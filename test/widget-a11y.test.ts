/**
 * axe-core (WCAG 2.0-2.2, A and AA) on every survey surface, in each state a person meets, in light and
 * dark colour schemes, left-to-right (English) and right-to-left (Arabic). The pages carry no CSP, so axe
 * can be injected as an inline script.
 */
import { SNIPPET_STUB as STUB } from '@heed/widget/snippet';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, widgetTestConfig, type WidgetHost } from './helpers/widget-host.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const LOCALES = { ltr: 'en', rtl: 'ar' } as const;
const SCHEMES = ['light', 'dark'] as const;

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;


function hostPage(locale: string, user: string, body: string): string {
  return `<!doctype html><html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>Host app</title>
<script>${STUB}</script><script async src="/widget/heed.js" data-project="pk_demo" data-user-id="${user}" data-locale="${locale}"></script>
</head><body><main><h1>Host app</h1>${body}</main></body></html>`;
}

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({
    config: (url) => {
      // Prompts wait for an event here, so each page shows exactly the surface under test.
      const config = widgetTestConfig(url, host.url, { events: ['slide-in'] });
      const slideIn = config.surveys.find((survey) => survey.id === 'app-nps')!;
      return { ...config, surveys: [...config.surveys, { ...slideIn, id: 'modal-nps', placement: 'center', events: ['modal'] }] };
    },
  });
  host.setCollector(collector.url);
  const exitSurvey = collector.config.surveys.find((survey) => survey.id === 'extension-exit');

  for (const locale of Object.values(LOCALES)) {
    for (const scheme of SCHEMES) {
      const user = `a11y-${locale}-${scheme}`;
      host.serve(`/slide-in-${locale}-${scheme}`, hostPage(locale, `${user}-slide`, `<p>Page content.</p><script>heed.track('slide-in');</script>`));
      host.serve(`/modal-${locale}-${scheme}`, hostPage(locale, `${user}-modal`, `<p>Page content.</p><script>heed.track('modal');</script>`));
      host.serve(
        `/billing-${locale}-${scheme}`,
        hostPage(locale, `${user}-cancel`, `<div id="survey"></div><script>heed.show('portal-cancel', { mount: document.getElementById('survey') });</script>`),
      );
    }
    // The hosted page's own markup, as the collector serves it, minus its CSP.
    const data = { endpoint: '', projectKey: 'pk_demo', survey: exitSurvey, context: { installId: 'a11y', locale } };
    host.serve(
      `/exit-${locale}`,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exit survey</title></head><body>
<main id="heed-hosted"></main>
<script type="application/json" id="heed-survey-data">${JSON.stringify(data)}</script>
<script type="module" src="/widget/hosted.js"></script></body></html>`,
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

/** axe's WCAG violations on the page, one line per failing element. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' > ')}: ${node.failureSummary}`));
  }, WCAG);
}

async function open(scheme: (typeof SCHEMES)[number], path: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const watched = await watchedPage(context);
  await watched.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await watched.page.goto(`${host.url}${path}`);
  return watched;
}

describe.each(Object.entries(LOCALES))('%s', (direction, locale) => {
  describe.each(SCHEMES)('%s scheme', (scheme) => {
    it('NPS slide-in: asking, following up, thanking', async () => {
      const { page, problems } = await open(scheme, `/slide-in-${locale}-${scheme}`);
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('dir')).toBe(direction);
      const background = await page.locator('heed-survey .panel').evaluate((panel) => getComputedStyle(panel).backgroundColor);
      expect(background).toBe(scheme === 'dark' ? 'rgb(31, 41, 55)' : 'rgb(255, 255, 255)');
      expect(await violations(page)).toEqual([]);
      await page.getByRole('radio').nth(4).click();
      await page.getByRole('textbox').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.getByRole('textbox').fill('…');
      await page.locator('heed-survey button.primary').click();
      await page.locator('heed-survey .thanks:not(:empty)').waitFor();
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('NPS modal', async () => {
      const { page, problems } = await open(scheme, `/modal-${locale}-${scheme}`);
      await page.getByRole('dialog').waitFor();
      expect(await page.getByRole('dialog').getAttribute('aria-modal')).toBe('true');
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('cancel form: asking, and the missing-reason error', async () => {
      const { page, problems } = await open(scheme, `/billing-${locale}-${scheme}`);
      await page.getByRole('group').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.locator('heed-survey button.primary').click();
      await page.locator('heed-survey .error').waitFor();
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });

    it('hosted uninstall page: asking, and the nothing-chosen error', async () => {
      const { page, problems } = await open(scheme, `/exit-${locale}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(direction);
      expect(await violations(page)).toEqual([]);
      await page.locator('heed-survey button.primary').click();
      await page.locator('heed-survey .error').waitFor();
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  });
});
