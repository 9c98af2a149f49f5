/**
 * The survey page's preview in the widget, in real Chromium at 390 and 1280 px against a real collector:
 * what is typed in the form (question, follow-up, reason label, placement) shows in the preview at once,
 * unsaved; the keyboard focus stays in the field being typed in; answering in the preview sends nothing
 * and says so; the preview is no modal trap; the page stays axe WCAG 2.2 A/AA clean in light and dark with
 * no horizontal overflow. NPS, CSAT, cancel and uninstall surveys.
 */
import { HeedConfigSchema } from '@heed/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, screenshot } from './helpers/console-browser.ts';
import { demoConfigFor, startCollector, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

let browser: Browser;
let collector: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector({
    config: (url) => {
      const demo = demoConfigFor(url);
      return HeedConfigSchema.parse({
        ...demo,
        surveys: [...(demo.surveys ?? []), { id: 'export-csat', project: 'pk_demo', kind: 'csat', productArea: 'export', events: ['exported'] }],
      });
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

/** Every request the page makes that is not a GET: a preview must make none. */
function watchWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET') writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
  });
  return writes;
}

async function publicSurvey(id: string) {
  const res = await fetch(`${collector.url}/v1/projects/pk_demo/surveys`);
  return ((await res.json()) as { surveys: { id: string; question?: string; reasons?: { id: string; label: string }[] }[] }).surveys.find((s) => s.id === id);
}

/**
 * Types `text` into the field key by key, checking after each key that the focus is still in it (neither
 * moved into the preview nor to the page) and that it never lost it in between.
 */
async function typeKeepingFocus(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill('');
  await field.focus();
  await field.evaluate((element) => {
    (window as unknown as { blurs: number }).blurs = 0;
    element.addEventListener('blur', () => ((window as unknown as { blurs: number }).blurs += 1));
  });
  for (const key of text) {
    await page.keyboard.type(key);
    expect(await field.evaluate((element) => document.activeElement === element)).toBe(true);
  }
  // A render of the preview that landed after the last key would have taken the focus by now.
  await page.waitForTimeout(300);
  expect(await field.evaluate((element) => document.activeElement === element)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { blurs: number }).blurs)).toBe(0);
  expect(await field.inputValue()).toBe(text);
}

/** The form holds the survey once it has loaded: typing before that would be overwritten. */
async function openSurveyPage(width: 390 | 1280, id: string) {
  const opened = await openConsole(browser, collector.url, width, `/console/surveys/${id}`);
  await opened.page.getByRole('heading', { name: `Survey ${id}` }).waitFor();
  const preview = opened.page.getByRole('region', { name: 'Preview in the widget' });
  await preview.getByTestId('survey-preview').locator('form').waitFor({ timeout: 30_000 });
  return { ...opened, preview, writes: watchWrites(opened.page) };
}

describe('Survey page preview', () => {
  it('at 1280 px, NPS: the question and a follow-up typed show in the widget at once, unsaved; its answer is not sent', async () => {
    const { page, problems, context, preview, writes } = await openSurveyPage(1280, 'app-nps');
    const stage = preview.getByTestId('survey-preview');
    expect(await preview.textContent()).toContain('Preview: answers are not sent.');
    // The widget's own built-in wording, in its own region (not a dialog: nothing in the console is modal).
    await expect.poll(() => stage.getByRole('heading', { level: 2 }).textContent()).toBe('How likely are you to recommend us to a friend or colleague?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await stage.locator('[aria-modal]').count()).toBe(0);
    await expectAccessible(page);

    const question = 'Would you recommend our editor to a teammate?';
    await typeKeepingFocus(page, 'Question', question);
    await expect.poll(() => stage.getByRole('heading', { level: 2 }).textContent()).toBe(question);
    expect(await stage.getByRole('region', { name: question }).count()).toBe(1);

    await typeKeepingFocus(page, 'Follow-up for promoters', 'What do you love about it?');
    // The follow-up shows once a score is chosen, as in a product.
    await stage.getByRole('radio', { name: /^9\b/ }).click();
    await expect.poll(() => stage.getByLabel('What do you love about it?').count()).toBe(1);
    await stage.getByLabel('What do you love about it?').fill('Fast exports');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'survey-preview', 1280);

    await stage.getByRole('button', { name: 'Send' }).click();
    await stage.getByText('Thank you! Your feedback helps us improve.').waitFor();
    await expect.poll(() => preview.getByRole('status').filter({ hasText: 'Not sent' }).textContent()).toBe('Not sent: score 9, comment "Fast exports".');
    await page.waitForTimeout(2000); // past the widget's wait for an acknowledgement, and any beacon on its way
    expect(writes).toEqual([]);
    expect((await publicSurvey('app-nps'))?.question).toBeUndefined();
    await expectAccessible(page);

    // Start over: the survey as it first appears, still with the unsaved question.
    const startOver = preview.getByRole('button', { name: 'Start over' });
    await startOver.click();
    await expect.poll(() => stage.getByRole('radio').count()).toBe(11);
    expect(await startOver.evaluate((element) => document.activeElement === element)).toBe(true);
    expect(await stage.getByRole('heading', { level: 2 }).textContent()).toBe(question);

    // Placement: the centered dialog is drawn in the middle of the stage, but is no focus trap in the console.
    await page.getByLabel('Placement').selectOption('center');
    await expect.poll(() => stage.getAttribute('data-shown-as')).toBe('center');
    expect(await preview.textContent()).toContain('in the middle of the page');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await stage.getByRole('button', { name: 'Ask me later' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="survey-preview"]') ?? null)).toBeNull();

    // Closing it in the preview closes it as in a product; "Show it again" brings it back and has the focus.
    await stage.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => preview.locator('.preview-end').textContent()).toBe('Closed without an answer.');
    expect(await stage.locator('form').count()).toBe(0);
    const again = preview.getByRole('button', { name: 'Show it again' });
    expect(await again.evaluate((element) => document.activeElement === element)).toBe(true);
    await again.click();
    await expect.poll(() => stage.getByRole('heading', { level: 2 }).textContent()).toBe(question);
    await expectAccessible(page);

    expect(writes).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px, cancel: a reason label typed shows in the widget at once, unsaved; its answer is not sent', async () => {
    const { page, problems, context, preview, writes } = await openSurveyPage(390, 'portal-cancel');
    const stage = preview.getByTestId('survey-preview');
    await expect.poll(() => page.getByLabel('Label of reason 1').inputValue(), { timeout: 30_000 }).toBe('Too expensive');
    expect(await stage.getByRole('radio', { name: 'Too expensive' }).count()).toBe(1);
    const reasons = await stage.getByRole('radio').count();
    // Below the form on a phone.
    const [form, shown] = await Promise.all([page.locator('form.survey-form').boundingBox(), stage.boundingBox()]);
    expect(shown!.y).toBeGreaterThan(form!.y + form!.height);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);

    await typeKeepingFocus(page, 'Label of reason 1', 'The price went up');
    await expect.poll(() => stage.getByRole('radio', { name: 'The price went up' }).count()).toBe(1);
    expect(await stage.getByRole('radio', { name: 'Too expensive' }).count()).toBe(0);
    await typeKeepingFocus(page, 'Question', 'What made you cancel?');
    await expect.poll(() => stage.getByRole('group', { name: 'What made you cancel?' }).count()).toBe(1);

    // A new reason shows once it has a label.
    await page.getByRole('button', { name: 'Add a reason' }).click();
    await expect.poll(() => page.getByLabel(`Label of reason ${reasons + 1}`, { exact: true }).count()).toBe(1);
    // Not before it has a label.
    expect(await stage.getByRole('radio').count()).toBe(reasons);
    await typeKeepingFocus(page, `Label of reason ${reasons + 1}`, 'Moving to another tool');
    await expect.poll(() => stage.getByRole('radio').count()).toBe(reasons + 1);
    expect(await stage.getByRole('radio').last().getAttribute('value')).toBe(`reason-${reasons + 1}-unsaved`);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'survey-preview', 390);

    await stage.getByRole('radio', { name: 'The price went up' }).check();
    await stage.getByRole('button', { name: 'Send' }).click();
    await stage.getByText('Thank you! Your feedback helps us improve.').waitFor();
    expect(await preview.getByRole('status').filter({ hasText: 'Not sent' }).textContent()).toBe('Not sent: reason "The price went up".');
    await page.waitForTimeout(2000);
    expect(writes).toEqual([]);
    expect((await publicSurvey('portal-cancel'))?.reasons?.[0]).toEqual({ id: 'too-expensive', label: 'Too expensive' });
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px, uninstall: the hosted page\'s survey, its reasons as typed', async () => {
    const { page, problems, context, preview, writes } = await openSurveyPage(390, 'extension-exit');
    const stage = preview.getByTestId('survey-preview');
    expect(await stage.getAttribute('data-shown-as')).toBe('page');
    expect(await stage.getByRole('heading', { level: 1 }).textContent()).toBe('Sorry to see you go');
    await typeKeepingFocus(page, 'Label of reason 1', 'It did not do what I needed');
    await expect.poll(() => stage.getByRole('checkbox', { name: 'It did not do what I needed' }).count()).toBe(1);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await stage.getByRole('checkbox', { name: 'It did not do what I needed' }).check();
    await stage.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => preview.getByRole('status').filter({ hasText: 'Not sent' }).textContent()).toBe('Not sent: reason "It did not do what I needed".');
    await page.waitForTimeout(2000);
    expect(writes).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 1280 px, CSAT: the question and follow-up typed show in the widget at once, unsaved', async () => {
    const { page, problems, context, preview, writes } = await openSurveyPage(1280, 'export-csat');
    const stage = preview.getByTestId('survey-preview');
    await expect.poll(() => stage.getByRole('heading', { level: 2 }).textContent()).toBe('How satisfied are you with our product?');
    await typeKeepingFocus(page, 'Question', 'How did the export go?');
    await typeKeepingFocus(page, 'Follow-up', 'What would make exports better?');
    await expect.poll(() => stage.getByRole('heading', { level: 2 }).textContent()).toBe('How did the export go?');
    await stage.getByRole('radio', { name: /Satisfied/ }).first().click();
    await expect.poll(() => stage.getByLabel('What would make exports better?').count()).toBe(1);
    await page.getByLabel('Placement').selectOption('inline');
    await expect.poll(() => stage.getAttribute('data-shown-as')).toBe('inline');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    expect(writes).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
