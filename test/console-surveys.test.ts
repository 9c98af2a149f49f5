/**
 * The console's Surveys view in real Chromium at 390 and 1280 px: every survey of the config file listed,
 * a survey's tunable settings edited in a form and saved with the name given, its history; the edit
 * reaches the widget on the demo page without a restart. No horizontal overflow, axe WCAG 2.2 A/AA clean in
 * light and dark, no console errors.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, openView, screenshot } from './helpers/console-browser.ts';
import { startCollector, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';

const EDITED_QUESTION = 'How likely are you to recommend our editor to a teammate?';

let browser: Browser;
let collector: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector();
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

async function publicSurvey(id: string) {
  const res = await fetch(`${collector.url}/v1/projects/pk_demo/surveys`);
  return ((await res.json()) as { surveys: { id: string; question?: string; reasons?: { id: string; label: string }[] }[] }).surveys.find((s) => s.id === id);
}

describe('Surveys view', () => {
  it('at 390 px: lists the surveys and edits a cancel reason label at phone width', async () => {
    const { page, problems, context } = await openConsole(browser, collector.url, 390);
    await openView(page, 'Surveys');
    const table = page.getByRole('table', { name: 'Surveys' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.getByRole('row', { name: /portal-cancel/ }).textContent()).toContain('Config file');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);

    await table.getByRole('link', { name: 'portal-cancel' }).click();
    await page.getByRole('heading', { name: 'Survey portal-cancel' }).waitFor();
    // The form holds the survey once it has loaded: typing before that would be overwritten.
    await expect.poll(() => page.getByLabel('Label of reason 1').inputValue(), { timeout: 30_000 }).toBe('Too expensive');
    await page.getByLabel('Your name').fill('Ana Lima');
    await page.getByRole('button', { name: 'Remember' }).click();
    await page.getByLabel('Label of reason 1').fill('The price went up');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save survey' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await publicSurvey('portal-cancel'))?.reasons?.[0]).toEqual({ id: 'too-expensive', label: 'The price went up' });
    const history = page.getByRole('region', { name: 'History' });
    await expect.poll(() => history.textContent()).toContain('Ana Lima');
    // The reloaded form (the stored version) leaves the outcome of the save on screen.
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect(await history.textContent()).toContain('The price went up');
    await screenshot(page, 'survey', 390);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 1280 px: a question edited in the console is what the widget asks on the demo page, without a restart', async () => {
    const { page, problems, context } = await openConsole(browser, collector.url, 1280, '/console/surveys/app-nps');
    await page.getByRole('heading', { name: 'Survey app-nps' }).waitFor();
    await page.getByLabel('Your name').fill('Bo Chen');
    await page.getByRole('button', { name: 'Remember' }).click();
    await page.getByLabel('Question').fill(EDITED_QUESTION);
    await page.getByLabel('Delay after the trigger (ms)').fill('0');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save survey' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'History' }).textContent()).toContain('Bo Chen');
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'History' }).textContent()).toContain(`question: "${EDITED_QUESTION}"`);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'survey', 1280);

    // A new visitor on the demo page: the real widget, served by the same collector.
    const visitor = await browser.newContext();
    const demo = await watchedPage(visitor);
    await demo.page.goto(`${collector.url}/demo`);
    await demo.page.getByRole('dialog', { name: EDITED_QUESTION }).waitFor();
    expect(demo.problems).toEqual([]);
    await visitor.close();

    await openView(page, 'Surveys');
    const row = page.getByRole('table', { name: 'Surveys' }).getByRole('row', { name: /app-nps/ });
    await expect.poll(() => row.textContent()).toContain('Console (Bo Chen)');
    expect(await row.textContent()).toContain(EDITED_QUESTION);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
