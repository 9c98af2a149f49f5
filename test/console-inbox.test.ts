/**
 * The console's views of feedback from every source, in real Chromium at 390 and 1280 px: the Inbox with
 * its URL filters and search, an item's own page with triage and its alerts, "Log feedback" opened from
 * the keyboard, and the Case feedback table of the trailing 2 weeks. Each view: no horizontal page
 * overflow, axe WCAG 2.2 A/AA clean in light and dark, no console errors.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, openView, screenshot, WIDTHS, type ConsolePage } from './helpers/console-browser.ts';
import { seedItems, type SeededItems } from './helpers/console-items-seed.ts';
import { TEST_ADMIN_TOKEN } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

let browser: Browser;
let seeded: SeededItems;

async function admin<T>(path: string): Promise<T> {
  const res = await fetch(`${seeded.collector.url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function checkView({ page, problems }: ConsolePage, name: string, width: (typeof WIDTHS)[number]): Promise<void> {
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page);
  await screenshot(page, name, width);
  expect(problems).toEqual([]);
}

const rows = (page: Page, table: string) => page.getByRole('region', { name: table }).locator('tbody tr');
const settled = async (page: Page) => page.locator('.loading').waitFor({ state: 'detached' });

beforeAll(async () => {
  browser = await launchChromium();
  seeded = await seedItems();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await seeded?.collector.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it('inbox: every source, filters kept in the URL, search, labels from the catalog', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    await openView(page, 'Inbox');
    await settled(page);
    // Six seeded; the Log feedback test may have added its own.
    await expect.poll(() => rows(page, 'Inbox table').count()).toBeGreaterThanOrEqual(6);
    const table = page.getByRole('region', { name: 'Inbox table' });
    const filters = page.getByRole('group', { name: 'Filters' });
    // Labels come from /v1/catalog: feedback types and owners by name; hostile text stays text.
    await expect.poll(() => table.textContent()).toContain('Case logic');
    expect(await table.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await table.textContent()).toContain('Survey');
    expect(await table.textContent()).toContain('NPS 4 (detractor)');

    await filters.getByLabel(/^Source/).selectOption('case');
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(3);
    expect(new URL(page.url()).searchParams.get('source')).toBe('case');
    await filters.getByLabel(/^Type/).selectOption({ label: 'Systems' });
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(1);
    await filters.getByLabel(/^Type/).selectOption('');
    await filters.getByLabel(/^Source/).selectOption('');

    await page.getByLabel('Search feedback').fill('audit log');
    await page.getByLabel('Search feedback').press('Enter');
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('audit log');
    await filters.getByLabel(/^Plan/).selectOption('self-managed');
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(1);
    await filters.getByLabel(/^Plan/).selectOption('saas');
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(0);
    await filters.getByLabel(/^Plan/).selectOption('');

    // The URL holds the filters: a reload shows the same selection.
    await page.reload();
    await settled(page);
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(1);
    expect(await page.getByLabel('Search feedback').inputValue()).toBe('audit log');
    await checkView(view, 'inbox', width);
    await view.context.close();
  });

  it('item page: text, customer, reporter, links, details, routing, triage edit and its alerts', async () => {
    const view = await openConsole(browser, seeded.collector.url, width, `/console/inbox?source=sales-call&q=audit`);
    const { page } = view;
    await settled(page);
    await rows(page, 'Inbox table').first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Audit logs', level: 2 }).waitFor();
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Globex needs audit logs before renewing');
    expect(await main.textContent()).toContain('Sam Sales');
    expect(await main.textContent()).toContain('self-managed');
    expect(await page.getByRole('link', { name: 'Call recording' }).getAttribute('href')).toBe('https://app.gong.example/call?id=8812');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Inbox', exact: true }).getAttribute('aria-current')).toBe('page');

    const triage = page.locator('form.triage-form');
    await triage.getByLabel('Status').selectOption('acknowledged');
    await triage.getByLabel('Tags').fill(`audit, w${width}`);
    await triage.getByRole('button', { name: 'Save triage' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.locator('ol.history li').first().waitFor();
    expect(await page.locator('ol.history').textContent()).toContain('status new → acknowledged');
    const stored = await admin<{ triage: { status: string; tags: string[] } }>(`/v1/items/${seeded.ids.call}`);
    expect(stored.triage).toMatchObject({ status: 'acknowledged', tags: ['audit', `w${width}`] });
    await settled(page);
    await checkView(view, 'item', width);

    // A case shows its facts as details.
    await page.goto(`${seeded.collector.url}/console/items/${seeded.ids.recentCase}`);
    await page.getByRole('heading', { name: 'Details' }).waitFor();
    expect(await main.textContent()).toContain('Merged by script');
    await view.context.close();
  });

  it('log feedback: one shortcut opens it, focus in the text, Enter logs, Escape closes', async () => {
    const view = await openConsole(browser, seeded.collector.url, width, '/console/inbox');
    const { page } = view;
    await settled(page);
    const before = await rows(page, 'Inbox table').count();
    await page.keyboard.press('Alt+Shift+KeyL');
    const dialog = page.getByRole('dialog', { name: 'Log feedback' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await checkView(view, 'log-feedback', width);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.keyboard.press('Alt+Shift+KeyL');
    await dialog.waitFor();
    await page.keyboard.type(`Wants SSO on the starter plan ${width}`);
    await dialog.getByLabel(/^Source/).selectOption('sales-call');
    await dialog.getByLabel(/^Feedback type/).selectOption({ label: 'Product' });
    await dialog.getByLabel('Customer', { exact: true }).fill('Umbrella');
    await dialog.getByLabel('Region', { exact: true }).fill('NA');
    await dialog.getByLabel('Feedback', { exact: true }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Feedback logged.' }).waitFor();
    await expect.poll(() => rows(page, 'Inbox table').count()).toBe(before + 1);

    const logged = await admin<{ items: { source: string; text: string; feedbackType?: string; customer: Record<string, string> }[] }>(`/v1/items?q=${encodeURIComponent(`SSO starter ${width}`)}`);
    expect(logged.items).toEqual([expect.objectContaining({ source: 'sales-call', text: `Wants SSO on the starter plan ${width}`, feedbackType: 'product', customer: { accountName: 'Umbrella', region: 'NA' } })]);
    expect(view.problems).toEqual([]);
    await view.context.close();
  });

  it('case feedback: the trailing 2 weeks of closed cases with their facts', async () => {
    const view = await openConsole(browser, seeded.collector.url, width);
    const { page } = view;
    await openView(page, 'Case feedback');
    await settled(page);
    await expect.poll(() => rows(page, 'Case feedback table').count()).toBe(2);
    const headers = await page.getByRole('region', { name: 'Case feedback table' }).locator('thead th').allTextContents();
    expect(headers).toEqual(['Case Owner', 'Region', 'Case Type', 'Subject', 'Description', 'Date', 'Resolution Action', 'Feedback Type', 'Feedback']);
    const first = await rows(page, 'Case feedback table').first().locator('td').allTextContents();
    expect(first.filter((_, index) => index !== 5)).toEqual([
      'Riley Advocate',
      'APAC',
      'Question',
      'Cannot merge duplicate contacts',
      'Customer has 4,000 duplicates after an import',
      'Merged by script',
      'Case logic',
      'Merging should be possible in bulk',
    ]);
    expect(first[5]).toMatch(/\d{4}/);
    expect(await page.locator('main').textContent()).not.toContain('Old export problem');
    await checkView(view, 'case-feedback', width);

    await page.getByLabel('Closed').selectOption('90');
    await expect.poll(() => rows(page, 'Case feedback table').count()).toBe(3);
    await view.context.close();
  });
});
