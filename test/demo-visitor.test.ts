/**
 * The demo page as a newcomer meets it, in real Chromium: on a phone (390 px) the whole NPS prompt is on
 * screen (every score, Send, the close button); a second visitor (a fresh browser) is asked too, since each
 * browser gets its own user id; "Reset the demo" forgets this one so the prompt comes back.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';

let browser: Browser;
let collector: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

async function visit(width: number, context?: BrowserContext) {
  const own = context ?? (await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 800 }, isMobile: width === 390, hasTouch: width === 390 }));
  const watched = await watchedPage(own);
  await watched.page.goto(`${collector.url}/demo`);
  return { ...watched, context: own };
}

const prompt = (page: Page) => page.getByRole('radiogroup');

/** The element is drawn wholly inside the viewport. */
async function expectOnScreen(page: Page, locator: Locator, name: string): Promise<void> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, name).not.toBeNull();
  expect({ name, left: box!.x >= 0, top: box!.y >= 0, right: box!.x + box!.width <= viewport.width, bottom: box!.y + box!.height <= viewport.height }).toEqual({
    name,
    left: true,
    top: true,
    right: true,
    bottom: true,
  });
}

async function answer(page: Page, score: string): Promise<void> {
  await prompt(page).getByRole('radio', { name: score, exact: true }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByText('Thank you').waitFor();
}

async function visitorId(page: Page): Promise<string | null> {
  return page.evaluate(() => localStorage.getItem('heed.demo.visitor'));
}

describe('the demo page', () => {
  it('at 390 px shows the whole prompt on screen: every score, Send and close reachable, no sideways scroll', async () => {
    const { page, problems, context } = await visit(390);
    await prompt(page).waitFor({ timeout: 15_000 });
    const radios = prompt(page).getByRole('radio');
    expect(await radios.count()).toBe(11);
    for (let score = 0; score <= 10; score += 1) await expectOnScreen(page, radios.nth(score), `score ${score}`);
    await expectOnScreen(page, page.getByRole('button', { name: 'Close' }), 'close');
    // Send appears once a score is picked.
    await radios.nth(10).tap();
    await expectOnScreen(page, page.getByRole('button', { name: 'Send' }), 'Send');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Send' }).tap();
    await page.getByText('Thank you').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('asks a second visitor too, and "Reset the demo" brings the prompt back', async () => {
    const first = await visit(1280);
    await prompt(first.page).waitFor({ timeout: 15_000 });
    const firstId = await visitorId(first.page);
    expect(firstId).toMatch(/^visitor-/);
    await answer(first.page, '9');
    // Asked once: the next view of the page shows nothing.
    await first.page.reload();
    await first.page.waitForTimeout(2500);
    expect(await prompt(first.page).count()).toBe(0);

    const second = await visit(1280);
    await prompt(second.page).waitFor({ timeout: 15_000 });
    const secondId = await visitorId(second.page);
    expect(secondId).toMatch(/^visitor-/);
    expect(secondId).not.toBe(firstId);
    await answer(second.page, '4');

    // Each answer is stored under its own visitor.
    const res = await fetch(`${collector.url}/v1/responses?survey=app-nps`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const users = ((await res.json()) as { items: { respondent: { userId?: string } }[] }).items.map((item) => item.respondent.userId);
    expect(users).toEqual(expect.arrayContaining([firstId, secondId]));

    // Reset: a new visitor in the same browser, asked again.
    await first.page.getByRole('link', { name: 'Reset the demo' }).click();
    await prompt(first.page).waitFor({ timeout: 15_000 });
    expect(await first.page.evaluate(() => location.search)).toBe('');
    const resetId = await visitorId(first.page);
    expect(resetId).toMatch(/^visitor-/);
    expect(resetId).not.toBe(firstId);
    expect(first.problems).toEqual([]);
    expect(second.problems).toEqual([]);
    await first.context.close();
    await second.context.close();
  });
});
