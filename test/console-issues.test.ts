/**
 * The console's Issues view in real Chromium at 390 and 1280 px: issues with the feedback linked to them,
 * how many ask, which customers and plans, newest first or most asked first (kept in the URL), and the item
 * page's Issue panel linking one more and unlinking it again, and more issues than a page loaded on
 * request. Each view: no horizontal page overflow, axe WCAG 2.2 A/AA clean in light and dark, no console
 * errors.
 */
import type { FeedbackDraftInput } from '@heed/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, openView, screenshot, WIDTHS, type ConsolePage } from './helpers/console-browser.ts';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

const SSO = 'https://github.com/acme/app/issues/7';
const EXPORT = 'https://roadmap.example.com/features/csv-export';

let browser: Browser;
let collector: RunningCollector;
const ids: string[] = [];

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${collector.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function checkView({ page, problems }: ConsolePage, name: string, width: (typeof WIDTHS)[number]): Promise<void> {
  await expectNoHorizontalOverflow(page);
  await expectAccessible(page);
  await screenshot(page, name, width);
  expect(problems).toEqual([]);
}

const rows = (page: Page) => page.getByRole('region', { name: 'Issues table' }).locator('tbody tr');
const firstIssue = (page: Page) => rows(page).first().locator('td').first().textContent();

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector({ fetch: async () => new Response('ok', { status: 200 }) });
  const customers: NonNullable<FeedbackDraftInput['customer']>[] = [
    { accountId: 'acc-globex', accountName: 'Globex', plan: 'saas' },
    { accountId: 'acc-initech', accountName: 'Initech <b>', plan: 'self-managed' },
    { accountId: 'acc-globex', accountName: 'Globex', plan: 'saas' },
    { accountName: 'Umbrella', plan: 'saas' },
    { accountName: 'Hooli', plan: 'saas' },
  ];
  for (const [n, customer] of customers.entries()) {
    const draft: FeedbackDraftInput = { source: 'manual', sourceId: `issues-${n}`, title: `Ask ${n}`, text: `Feedback ${n}`, customer };
    ids.push((await admin<{ id: string }>('POST', '/v1/feedback', draft)).id);
  }
  await admin('POST', `/v1/items/${ids[0]}/issue`, { url: EXPORT, title: 'CSV export' });
  await admin('POST', `/v1/items/${ids[4]}/issue`, { url: EXPORT });
  await admin('POST', `/v1/items/${ids[1]}/issue`, { url: SSO, title: 'Single sign-on with Okta' });
  await admin('POST', `/v1/items/${ids[2]}/issue`, { url: SSO });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it('issues: who asks, newest or most asked first, and an item linked from its page', async () => {
    const view = await openConsole(browser, collector.url, width);
    const { page } = view;
    await openView(page, 'Issues');
    await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(2);
    // Newest first: SSO was linked last.
    expect(await firstIssue(page)).toBe('Single sign-on with Okta');
    const sso = rows(page).first();
    expect(await sso.locator('td').nth(2).textContent()).toBe('2');
    expect(await sso.locator('td').nth(3).textContent()).toBe('Globex, Initech <b>');
    expect(await sso.locator('td').nth(4).textContent()).toBe('saas, self-managed');
    await checkView(view, 'issues', width);

    // The item page links one more item to the CSV export: it becomes the most asked.
    await page.goto(`${collector.url}/console/items/${ids[3]}`);
    const panel = page.getByRole('region', { name: 'Issue' });
    await panel.getByLabel('Issue or feature URL').fill(EXPORT);
    await panel.getByRole('button', { name: 'Link issue' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(/^Linked; \d items ask for it\.$/);
    await expect.poll(() => page.locator('ol.history').textContent()).toContain(EXPORT);
    // The triage form shows the link the panel made, so saving other fields keeps it.
    await expect.poll(() => page.getByLabel('Issue link').inputValue()).toBe(EXPORT);
    await checkView(view, 'item-issue', width);

    await openView(page, 'Issues');
    await page.getByRole('button', { name: 'Asking' }).click();
    await expect.poll(() => page.url()).toContain('sort=asking');
    await expect.poll(() => firstIssue(page)).toBe('CSV export');
    expect(await page.getByRole('columnheader', { name: 'Asking' }).getAttribute('aria-sort')).toBe('descending');
    await checkView(view, 'issues-asking', width);
    await page.getByRole('button', { name: 'Linked' }).click();
    await expect.poll(() => firstIssue(page)).toBe('Single sign-on with Okta');

    // A link made by mistake is undone from the item page: the item no longer counts among those asking.
    await page.goto(`${collector.url}/console/items/${ids[3]}`);
    const linked = page.getByRole('region', { name: 'Issue' });
    await expect.poll(() => linked.getByRole('link', { name: EXPORT }).count()).toBe(1);
    await linked.getByRole('button', { name: 'Unlink' }).click();
    await expect.poll(() => linked.getByRole('status').textContent()).toBe(`Unlinked from ${EXPORT}.`);
    await expect.poll(() => linked.getByRole('button', { name: 'Unlink' }).count()).toBe(0);
    await expect.poll(() => page.getByLabel('Issue link').inputValue()).toBe('');
    await checkView(view, 'item-unlinked', width);
    await openView(page, 'Issues');
    const csvExport = rows(page).filter({ hasText: 'CSV export' });
    await expect.poll(() => csvExport.locator('td').nth(2).textContent()).toBe('2');
    await view.context.close();
  });
});

describe('more issues than a page', () => {
  it('loads the next page on request, each issue once, in the order chosen', async () => {
    // 50 a page: 52 more issues, one item each, make four pages' worth less than three.
    for (let n = 0; n < 52; n += 1) {
      const draft: FeedbackDraftInput = { source: 'manual', sourceId: `many-${n}`, title: `Many ${n}`, text: `Feedback ${n}` };
      const { id } = await admin<{ id: string }>('POST', '/v1/feedback', draft);
      await admin('POST', `/v1/items/${id}/issue`, { url: `https://roadmap.example.com/features/many-${n}`, title: `Feature ${n}` });
    }
    const view = await openConsole(browser, collector.url, 1280);
    const { page } = view;
    await openView(page, 'Issues');
    await expect.poll(() => rows(page).count()).toBe(50);
    await page.getByRole('button', { name: 'Asking' }).click();
    // Most asked first: the two issues two items ask for lead; the rest follow newest first. The newest-first
    // rows are still on screen for a moment after the click, so wait for the order, not for the row count.
    await expect.poll(() => firstIssue(page)).toMatch(/^(CSV export|Single sign-on with Okta)$/);
    expect(await rows(page).count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows(page).count()).toBe(54);
    await expect.poll(() => page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const titles = await rows(page).locator('td:first-child').allTextContents();
    expect(new Set(titles).size).toBe(54);
    expect(titles.slice(2, 5)).toEqual(['Feature 51', 'Feature 50', 'Feature 49']);
    await expectAccessible(page);
    expect(view.problems).toEqual([]);
    await view.context.close();
  });
});
