/**
 * CSAT end to end in real Chromium against a real collector: asked by `show()`, by `track()` and on page
 * load from heed.js on a customer's page, and on the hosted page; answered by keyboard alone; counted by
 * `GET /v1/reports/csat`; axe-clean (WCAG 2.x A/AA) in light and dark, left to right and right to left.
 */
import { SNIPPET_STUB as STUB } from '@heed/widget/snippet';
import axe from 'axe-core';
import { HeedConfigSchema } from '@heed/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, storedResponses, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { focused, launchChromium, tabTo, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, type WidgetHost } from './helpers/widget-host.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const QUESTION = 'How satisfied are you with exporting?';

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

const page = (title: string, head: string, body: string, lang = 'en') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><main>${body}</main></body></html>`;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({
    config: (url) =>
      HeedConfigSchema.parse({
        publicUrl: url,
        projects: [
          { key: 'pk_demo', name: 'Demo app', allowedOrigins: [host.url] },
          { key: 'pk_onboarding', name: 'Onboarding', allowedOrigins: [host.url] },
        ],
        surveys: [
          { id: 'export-csat', project: 'pk_demo', kind: 'csat', productArea: 'export', question: QUESTION, events: ['exported'] },
          { id: 'onboarding-csat', project: 'pk_onboarding', kind: 'csat', productArea: 'onboarding' },
        ],
        owners: [{ id: 'pm-export', name: 'Export PM' }],
        routes: [{ when: { kind: 'csat' }, owner: 'pm-export' }],
      }),
  });
  const loader = (project: string, userId: string) =>
    `<script>${STUB}</script><script async src="${collector.url}/widget/heed.js" data-project="${project}" data-user-id="${userId}" data-plan="saas"></script>`;
  host.serve(
    '/export',
    page(
      'Export',
      loader('pk_demo', 'csat-show'),
      `<h1>Export</h1><button id="rate" type="button">Rate exporting</button><p id="result" role="status"></p>
<script>
document.getElementById('rate').addEventListener('click', function () {
  heed.show('export-csat').then(function (result) { document.getElementById('result').textContent = result.status; });
});
</script>`,
    ),
  );
  host.serve('/exported', page('Exported', loader('pk_demo', 'csat-track'), `<h1>Exported</h1><script>heed.track('exported');</script>`));
  host.serve('/welcome', page('Welcome', loader('pk_onboarding', 'csat-load'), '<h1>Welcome</h1><p>Getting started.</p>'));
  host.serve('/welcome-ar', page('Welcome', loader('pk_onboarding', 'csat-ar'), '<h1>أهلا</h1>', 'ar'));
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

async function csatReport(query: string) {
  const res = await fetch(`${collector.url}/v1/reports/csat?${query}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { total: { responses: number; satisfied: number; csat: number | null; interval: { low: number; high: number; method: string } | null }; scores: number[] };
}

async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' > ')}: ${node.failureSummary}`));
  }, WCAG);
}

/** A fresh browser profile (its own localStorage, so one test's display does not hold back another's). */
async function open(path: string, scheme: 'light' | 'dark' = 'light') {
  // The hosted page's CSP (script-src 'self') would refuse axe, injected inline; the test bypasses it.
  const context = await browser.newContext({ bypassCSP: !path.startsWith('/') });
  const watched = await watchedPage(context);
  await watched.page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await watched.page.goto(path.startsWith('http') ? path : `${host.url}${path}`);
  return { ...watched, context };
}

describe('CSAT in Chromium', () => {
  it('show(): Enter opens it with the focus, arrows choose 2, Tab to the comment and Send; the report counts it and it is routed to its owner', async () => {
    const { page, problems, context } = await open('/export');
    await tabTo(page, (name) => name === 'button Rate exporting');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await tabTo(page, (name) => name === 'button[radio] 1 — Very unsatisfied');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('button[radio] 2 — Unsatisfied');
    expect(await page.getByRole('radio', { name: '2 — Unsatisfied' }).getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('textarea What is the main reason for your score?');
    expect(await violations(page)).toEqual([]);
    await page.keyboard.type('PDF export times out');
    await tabTo(page, (name) => name === 'button Send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#result').textContent()).toBe('submitted');
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();

    const [stored] = await storedResponses(collector.url, 'export-csat');
    expect(stored).toMatchObject({ kind: 'csat', answers: { score: 2, comment: 'PDF export times out' }, plan: 'saas', routing: { status: 'routed', owner: 'pm-export' } });
    expect(stored).not.toHaveProperty('category');
    const report = await csatReport('survey=export-csat');
    expect(report.total).toMatchObject({ responses: 1, satisfied: 0, csat: 0, interval: { low: 0, method: 'wilson' } });
    expect(report.scores).toEqual([0, 1, 0, 0, 0]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('track(): opens on the tracked action, End chooses 5, Send with no comment', async () => {
    const { page, problems, context } = await open('/exported');
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await tabTo(page, (name) => name.startsWith('button[radio] 1'));
    await page.keyboard.press('End');
    expect(await focused(page)).toBe('button[radio] 5 — Very satisfied');
    await tabTo(page, (name) => name === 'button Send');
    await page.keyboard.press('Enter');
    await page.getByText('Thank you! Your feedback helps us improve.').waitFor();
    await expect.poll(async () => (await csatReport('survey=export-csat')).total).toMatchObject({ responses: 2, satisfied: 1, csat: 0.5 });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('page load: a CSAT survey without events opens by itself, leaves the focus on the page, axe-clean in dark and right to left', async () => {
    for (const [path, scheme, name] of [
      ['/welcome', 'dark', 'How satisfied are you with our product?'],
      ['/welcome-ar', 'light', 'ما مدى رضاك عن منتجنا؟'],
    ] as const) {
      const { page, problems, context } = await open(path, scheme);
      await page.getByRole('dialog', { name }).waitFor();
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
      expect(await violations(page)).toEqual([]);
      await tabTo(page, (focus) => focus.startsWith('button[radio] 1'));
      // Right to left, the left arrow moves forward.
      await page.keyboard.press(path === '/welcome-ar' ? 'ArrowLeft' : 'ArrowRight');
      await page.keyboard.press(path === '/welcome-ar' ? 'ArrowLeft' : 'ArrowRight');
      await page.keyboard.press(path === '/welcome-ar' ? 'ArrowLeft' : 'ArrowRight');
      expect(await focused(page)).toMatch(/^button\[radio\] 4 — /);
      expect(await violations(page)).toEqual([]);
      await tabTo(page, (focus) => /^button (Send|إرسال)$/.test(focus));
      await page.keyboard.press('Enter');
      await page.locator('heed-survey p.thanks:not(:empty)').waitFor();
      expect(problems).toEqual([]);
      await context.close();
    }
    await expect.poll(async () => (await csatReport('survey=onboarding-csat')).total).toMatchObject({ responses: 2, satisfied: 2, csat: 1 });
  });

  it('hosted page: /s/:surveyId answered by keyboard in German, axe-clean, counted in the report', async () => {
    const { page, problems, context } = await open(`${collector.url}/s/export-csat?locale=de`);
    await page.getByRole('heading', { name: QUESTION }).waitFor();
    await tabTo(page, (name) => name === 'button[radio] 1 — Sehr unzufrieden');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('button[radio] 3 — Neutral');
    expect(await violations(page)).toEqual([]);
    await tabTo(page, (name) => name === 'button Senden');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await csatReport('survey=export-csat')).scores).toEqual([0, 1, 1, 0, 1]);
    const hosted = (await storedResponses(collector.url, 'export-csat')).find((response) => (response.answers as { score: number }).score === 3);
    expect(hosted).toMatchObject({ context: { locale: 'de' }, routing: { status: 'skipped' } });
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
