/**
 * Every console view in real Chromium at 390 and 1280 px, against a collector seeded with months of answers:
 * the NPS overview (interval, split, legend with values, ISO-week axis), cancel and uninstall reasons
 * (stacked bars per plan, 4-week details, by extension version), responses with URL filters, "mine" and
 * a CSV download equal to the API's, search in comments, a response's own page with triage edits recorded
 * under the name the user gives, its alerts with their delivery attempts, and the alerts
 * view with a retry. Each view: no horizontal page overflow, axe WCAG 2.2 A/AA clean in light and dark, no
 * console errors; a screenshot of each lands in docs/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, openView, screenshot, WIDTHS, type ConsolePage } from './helpers/console-browser.ts';
import { seedConsole, type Seeded } from './helpers/console-seed.ts';
import { TEST_ADMIN_TOKEN } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

let browser: Browser;
let seeded: Seeded;

async function admin<T>(path: string): Promise<T> {
  const res = await fetch(`${seeded.collector.url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function adminText(path: string): Promise<string> {
  const res = await fetch(`${seeded.collector.url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

interface Alert {
  id: string;
  responseId: string;
  status: string;
  lastError?: string;
}

async function alerts(status: string): Promise<Alert[]> {
  return (await admin<{ items: Alert[] }>(`/v1/alerts?status=${status}&limit=500`)).items;
}

/** Checks shared by every view, then the screenshot. */
async function checkView({ page, problems }: ConsolePage, name: string, width: (typeof WIDTHS)[number]): Promise<void> {
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page);
  await screenshot(page, name, width);
  expect(problems).toEqual([]);
}

const loaded = (page: Page) => page.locator('.loading').count().then((count) => count === 0);

beforeAll(async () => {
  browser = await launchChromium();
  seeded = await seedConsole();
  // The outbox delivers (or fails) every seeded alert.
  for (const deadline = Date.now() + 15_000; (await alerts('failed')).length < 3; ) {
    if (Date.now() > deadline) throw new Error('the seeded alerts did not fail in time');
    await new Promise((wait) => setTimeout(wait, 100));
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await seeded?.collector.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it('overview: NPS with its interval, the split, a legend with values and ISO-week ticks', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    const nps = page.getByRole('region', { name: 'NPS trend' });
    await nps.locator('canvas').first().waitFor();
    expect(await nps.getByTestId('nps-total').textContent()).toMatch(/^[+-]?\d/);
    expect(await nps.locator('.stat').filter({ hasText: '95% interval' }).textContent()).toMatch(/95% interval [+-−]?\d+(\.\d)? to [+-−]?\d+(\.\d)? \(adjusted Wald\)/);
    expect(await nps.locator('.stat').filter({ hasText: 'Promoters' }).textContent()).toMatch(/\d+%/);
    // The legend reads the latest week with answers, never "--".
    expect(await nps.getByTestId('nps-legend').textContent()).toMatch(/^Week \d{1,2} \(.+\): NPS .+ \(95% interval .+\), \d+ responses?$/);
    // Hovering the chart moves the legend to the period under the pointer.
    const box = (await nps.locator('.plot .u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
    await expect.poll(() => nps.getByTestId('nps-legend').textContent()).toMatch(/^Week \d{1,2}/);
    await page.mouse.move(0, 0);
    // No table of empty weeks: only weeks with answers are listed.
    await nps.getByText('Numbers per week').click();
    const rows = await nps.getByRole('table').locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => /^Week \d/.test(row))).toBe(true);
    await nps.getByText('Numbers per week').click();
    // The response rate only once displays were recorded; the 0-10 distribution whenever anyone answered.
    const report = await admin<{ responseRate: { shown: number } }>('/v1/reports/nps');
    expect(await page.getByTestId('response-rate').count()).toBe(report.responseRate.shown > 0 ? 1 : 0);
    expect(await page.getByRole('heading', { name: 'Scores 0 to 10' }).count()).toBe(1);
    await checkView(view, 'overview', width);

    // Filters stay in the URL: a reload keeps them.
    await nps.getByLabel('Plan').selectOption('saas');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?plan=saas');
    await page.reload();
    await page.getByRole('region', { name: 'NPS trend' }).locator('canvas').first().waitFor();
    expect(await page.getByRole('region', { name: 'NPS trend' }).getByLabel('Plan').inputValue()).toBe('saas');
    await view.context.close();
  });

  it('cancel reasons: stacked bars by month per plan, side by side, and the last 4 weeks in full', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    await openView(page, 'Cancel reasons');
    const reasons = page.getByRole('region', { name: 'Cancel reasons by month' });
    await reasons.locator('canvas').first().waitFor();
    expect(await reasons.locator('figure.panel figcaption').allTextContents()).toEqual([
      expect.stringMatching(/^SaaS: \d+ answers$/),
      expect.stringMatching(/^Self-managed: \d+ answers$/),
    ]);
    expect(await reasons.locator('canvas').count()).toBe(2);
    // The key shows labels, not ids.
    expect(await reasons.locator('.key').first().textContent()).toContain('Too expensive');
    const details = page.getByRole('region', { name: 'Cancellations, last 4 weeks' });
    await details.getByRole('cell', { name: 'Pricing doubled at renewal' }).waitFor();
    const row = details.getByRole('row').filter({ hasText: 'Pricing doubled at renewal' });
    expect(await row.getByRole('cell').allTextContents()).toEqual([expect.stringMatching(/\d{4}$/), 'Too expensive', 'Pricing doubled at renewal', 'saas']);
    expect(await details.locator('tbody tr').count()).toBe(3);
    await checkView(view, 'cancel-reasons', width);
    await view.context.close();
  });

  it('uninstall reasons: the same, plus by extension version', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    await openView(page, 'Uninstall reasons');
    const versions = page.getByRole('region', { name: 'Uninstall reasons by extension version' });
    await versions.locator('canvas').waitFor();
    await versions.getByText('Numbers').click();
    const shown = await versions.locator('tbody th').allTextContents();
    expect([...new Set(shown)]).toEqual(['2.0.0', '1.10.0', '1.9.2']);
    await versions.getByText('Numbers').click();
    await page.getByRole('region', { name: 'Uninstalls, last 4 weeks' }).getByRole('cell', { name: 'It slowed my browser down' }).first().waitFor();
    await checkView(view, 'uninstall-reasons', width);
    await view.context.close();
  });

  it('responses: filters in the URL, labels, "mine", and a CSV equal to the API export', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    await openView(page, 'Responses');
    const region = page.getByRole('region', { name: 'Responses', exact: true });
    const table = region.getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    await region.getByLabel('Kind').selectOption('cancel');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?kind=cancel');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    expect(await table.getByRole('cell', { name: 'Cancel: Too expensive' }).count()).toBe(1);

    // The CSV button downloads what the API exports for the same filters.
    const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^heed-responses-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const from = new Date(Date.now() - 28 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    expect(csv).toBe(await adminText(`/v1/responses.csv?kind=cancel&from=${from}`));
    const api = await admin<{ items: { id: string }[] }>(`/v1/responses?kind=cancel&from=${from}`);
    expect(csv.trim().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual(api.items.map((item) => item.id));

    // "Mine": the owner id this browser remembers.
    await region.getByLabel('Owner').selectOption('mine');
    await region.getByLabel('My owner id').fill('pm-editor');
    await region.getByRole('button', { name: 'Remember' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(0);
    await region.getByLabel('Kind').selectOption('');
    await region.getByLabel(/^Comment/).selectOption('true');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?owner=mine&hasComment=true');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await page.evaluate(() => localStorage.getItem('heed.myOwnerId'))).toBe('pm-editor');
    await checkView(view, 'responses', width);
    await view.context.close();
  });

  it('responses: search in comments, kept in the URL and in the CSV', async () => {
    const view = await openConsole(browser, seeded.collector.url, width, '/console/responses?range=all');
    const { page } = view;
    const region = page.getByRole('region', { name: 'Responses', exact: true });
    const table = region.getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(3);
    const search = page.getByRole('search').getByLabel('Search comments');
    await search.fill('RENEWAL pric');
    await search.press('Enter');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?range=all&q=RENEWAL+pric');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Pricing doubled at renewal');
    // A reload keeps the search, in the box and in the list.
    await page.reload();
    await expect.poll(() => page.getByRole('search').getByLabel('Search comments').inputValue()).toBe('RENEWAL pric');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toBe(await adminText('/v1/responses.csv?q=RENEWAL%20pric'));
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    await checkView(view, 'responses-search', width);
    // Clearing the box shows everything again.
    await page.getByRole('search').getByLabel('Search comments').fill('');
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?range=all');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(3);
    await view.context.close();
  });

  it('a response page: answers, context, routing and why, triage edits kept with history, its alerts', async () => {
    const { pricing } = seeded.ids;
    const view = await openConsole(browser, seeded.collector.url, width, `/console/responses/${encodeURIComponent(pricing)}`);
    const { page } = view;
    await page.getByRole('heading', { name: /^Cancel answer of / }).waitFor();
    const facts = page.locator('.fact');
    expect(await facts.filter({ hasText: 'Reason' }).first().textContent()).toBe('ReasonToo expensive');
    expect(await facts.filter({ hasText: 'Why' }).textContent()).toContain('Route 2 of the config matched');
    const alertsRegion = page.getByRole('region', { name: 'Alerts' });
    await alertsRegion.locator('li.alert-item').first().waitFor();
    expect(await alertsRegion.locator('li.alert-item').first().textContent()).toContain('webhook to pm-growth');
    // Each alert lists its delivery attempts: the receiver's first answer was 410.
    const attempts = alertsRegion.locator('li.alert-item').first().getByRole('list', { name: 'Delivery attempts' });
    await attempts.locator('li').first().waitFor();
    expect(await attempts.locator('li').first().textContent()).toMatch(/: failed, given up HTTP 410/);
    const listed = await admin<{ items: { id: string }[] }>(`/v1/alerts?responseId=${encodeURIComponent(pricing)}`);
    expect(await alertsRegion.locator('li.alert-item').count()).toBe(listed.items.length);

    const triage = page.getByRole('region', { name: 'Triage' });
    // The name kept with each change, typed once and remembered in this browser.
    const actor = `Dana ${width}`;
    await triage.getByLabel('Your name').fill(actor);
    await triage.getByLabel('Your name').press('Enter');
    await expect.poll(() => triage.getByTestId('actor').textContent()).toContain(`Changes are recorded as ${actor}.`);
    expect(await page.evaluate(() => localStorage.getItem('heed.actor'))).toBe(actor);
    const tag = `renewal-${width}`;
    await triage.getByLabel('Status').selectOption(width === 390 ? 'acknowledged' : 'actioned');
    await triage.getByLabel('Tags').fill(`pricing, ${tag}`);
    await triage.getByLabel('Issue link').fill(`https://issues.example.com/${width}`);
    // Saved by keyboard: Enter in the form.
    await triage.getByLabel('Issue link').press('Enter');
    await expect.poll(() => triage.getByRole('status').textContent()).toBe('Saved.');
    const stored = await admin<{ triage: { status: string; tags: string[]; issueUrl: string; history: { actor: string }[] } }>(`/v1/responses/${encodeURIComponent(pricing)}`);
    expect(stored.triage).toMatchObject({ status: width === 390 ? 'acknowledged' : 'actioned', tags: ['pricing', tag], issueUrl: `https://issues.example.com/${width}` });
    expect(await triage.locator('ol.history li').first().textContent()).toContain(`tags`);
    expect(await triage.locator('ol.history li').first().textContent()).toContain(`, ${actor}: `);
    expect(stored.triage.history.at(-1)).toMatchObject({ actor });
    await checkView(view, 'response', width);
    await view.context.close();
  });

  it('alerts: failed ones with their last error and a retry that delivers, pending ones', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    await openView(page, 'Alerts');
    const failed = page.getByRole('region', { name: 'Failed alerts' });
    await failed.locator('li.alert-item').first().waitFor();
    const before = (await alerts('failed')).length;
    expect(await failed.locator('li.alert-item').count()).toBe(before);
    expect(await failed.locator('li.alert-item').first().textContent()).toContain('Last error: HTTP 410');
    const pending = page.getByRole('region', { name: 'Pending alerts' });
    await expect.poll(() => pending.locator('li.alert-item').filter({ hasText: 'HTTP 503' }).count()).toBeGreaterThan(0);
    await checkView(view, 'alerts', width);

    const first = (await alerts('failed'))[0]!;
    await failed.locator('li.alert-item').first().getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => failed.locator('li.alert-item').count()).toBe(before - 1);
    await expect.poll(async () => (await admin<{ items: Alert[] }>('/v1/alerts?status=delivered&limit=500')).items.some((a) => a.id === first.id), { timeout: 10_000 }).toBe(true);
    expect(view.problems).toEqual([]);
    await view.context.close();
  });
});

it('moves through the views by keyboard alone', async () => {
  const view = await openConsole(browser, seeded.collector.url, 1280);
  const { page } = view;
  await page.getByRole('region', { name: 'NPS trend' }).locator('canvas').first().waitFor();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
  for (let presses = 0; presses < 10; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Alerts') break;
  }
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: 'Failed alerts' }).waitFor();
  expect(await page.evaluate(() => location.pathname)).toBe('/console/alerts');
  await expect.poll(() => loaded(page)).toBe(true);
  expect(view.problems).toEqual([]);
  await view.context.close();
});
