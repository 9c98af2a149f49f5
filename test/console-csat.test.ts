/**
 * The console's CSAT panel on the overview in real Chromium at 390 and 1280 px, against a collector with
 * eight weeks of CSAT answers: the share of 4-5 with its Wilson interval as the report gives it, the trend
 * drawn by uPlot with a legend, the survey filter in the URL; no horizontal overflow, axe WCAG 2.2 A/AA
 * clean in light and dark, no console errors.
 */
import { randomUUID } from 'node:crypto';
import { HeedConfigSchema, type SubmissionInput } from '@heed/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, screenshot, WIDTHS } from './helpers/console-browser.ts';
import { demoConfigFor, startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

const DAY_MS = 24 * 3600 * 1000;
let browser: Browser;
let collector: RunningCollector;
let now: Date | undefined;

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector({
    clock: () => now ?? new Date(),
    config: (url) => {
      const demo = demoConfigFor(url);
      return HeedConfigSchema.parse({
        ...demo,
        surveys: [...(demo.surveys ?? []), { id: 'export-csat', project: 'pk_demo', kind: 'csat', productArea: 'export', events: ['exported'] }],
      });
    },
  });
  // Eight weeks, satisfaction rising: week w (0 = this one) has 6 answers, 6 - (w >> 1) of them 4 or 5.
  for (let week = 0; week < 8; week += 1) {
    for (let index = 0; index < 6; index += 1) {
      now = new Date(Date.now() - (week * 7 + 1 + (index % 3)) * DAY_MS);
      const score = index < 6 - (week >> 1) ? 4 + (index % 2) : 1 + (index % 3);
      const body: SubmissionInput = {
        submissionId: randomUUID(),
        projectKey: 'pk_demo',
        surveyId: 'export-csat',
        answers: score <= 2 ? { score, comment: 'Export was slow' } : { score },
        respondent: { userId: `csat-${week}-${index}` },
        context: { plan: index % 2 ? 'saas' : 'self-managed' },
      };
      const res = await fetch(`${collector.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(202);
    }
  }
  now = undefined;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it('overview: the CSAT panel with its Wilson interval, trend chart and survey filter', async () => {
    const view = await openConsole(browser, collector.url, width);
    const { page, problems } = view;
    const csat = page.getByRole('region', { name: 'CSAT trend' });
    await csat.locator('canvas').first().waitFor();

    const res = await fetch(`${collector.url}/v1/reports/csat`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const report = (await res.json()) as { total: { responses: number; csat: number; interval: { low: number; high: number } } };
    const percent = (share: number) => `${Math.round(share * 100)}%`;
    expect(await csat.getByTestId('csat-total').textContent()).toBe(percent(report.total.csat));
    expect(await csat.locator('.stat').filter({ hasText: '95% interval' }).textContent()).toContain(
      `95% interval ${percent(report.total.interval.low)} to ${percent(report.total.interval.high)} (Wilson score)`,
    );
    expect(await csat.getByTestId('csat-legend').textContent()).toMatch(/^Week \d{1,2} \(.+\): CSAT \d+% \(95% interval \d+% to \d+%\), \d+ responses?$/);

    // The numbers behind the chart, for screen readers and for reading off: one row per week with answers.
    await csat.getByText('CSAT numbers per week').click();
    expect(await csat.getByRole('region', { name: 'CSAT per week' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(8);
    await csat.getByText('CSAT numbers per week').click();

    await csat.getByLabel('CSAT survey').selectOption('export-csat');
    await expect.poll(() => new URL(page.url()).searchParams.get('csat')).toBe('export-csat');
    await csat.locator('canvas').first().waitFor();

    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'csat', width);
    expect(problems).toEqual([]);
    await view.context.close();
  });
});
