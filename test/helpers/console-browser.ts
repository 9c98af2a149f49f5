/**
 * Driving the PM console in Chromium for end-to-end tests: sign in with the admin token, check a view for
 * axe WCAG 2.2 A/AA violations in light and dark, check that the document is no wider than the viewport,
 * and save a screenshot under docs/screenshots/ with a deterministic name.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_ADMIN_TOKEN } from './start-collector.ts';
import { watchedPage } from './widget-browser.ts';

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const LOCALE = 'en-US';
export const WIDTHS = [390, 1280] as const;
export type Width = (typeof WIDTHS)[number];
const HEIGHT: Record<Width, number> = { 390: 844, 1280: 800 };
export const SCREENSHOTS_DIR = resolve(import.meta.dirname, '../../docs/screenshots');

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A fresh context at `width` (en-US, UTC), signed in to the console at `url`. */
export async function openConsole(browser: Browser, url: string, width: Width, path = '/console/'): Promise<ConsolePage> {
  const context = await browser.newContext({ locale: LOCALE, timezoneId: 'UTC', viewport: { width, height: HEIGHT[width] }, acceptDownloads: true });
  const { page, problems } = await watchedPage(context);
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${url}${path}`);
  await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
  return { context, page, problems };
}

/** axe's WCAG violations on the page, one line per failing element. The page's CSP forbids inline scripts, so axe comes in through the debugger. */
export async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' > ')}: ${node.failureSummary}`));
  }, WCAG);
}

export async function expectAccessible(page: Page): Promise<void> {
  // Collapsed details hide their tables from axe: open them so their contents are checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await violations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = false)));
}

/** The page scrolls vertically only: nothing is wider than the viewport. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `document ${scrollWidth} px wide in a ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth);
}

/** Saves the whole page as docs/screenshots/console-<name>-<width>.png. */
export async function screenshot(page: Page, name: string, width: Width): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `console-${name}-${width}.png`), fullPage: true, animations: 'disabled' });
}

/** Goes to a console view through the navigation, as a user would. */
export async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();
}
