/**
 * Closing the loop in the console, in real Chromium at 390 and 1280 px: feedback logged with a contact who
 * agrees to hear back, linked to an issue from its page; once the issue is closed, the item page previews
 * the "tell them" message in the chosen language and sends it once to a real SMTP server. Axe WCAG 2.2 A/AA
 * clean in light and dark, no horizontal overflow, no console errors.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from '../packages/collector/src/domain/test-support.ts';
import { createMailer } from '../packages/collector/src/notify/smtp-mailer.ts';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, screenshot, WIDTHS } from './helpers/console-browser.ts';
import { startCollector, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

let browser: Browser;
let collector: RunningCollector;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  browser = await launchChromium();
  smtp = await startSmtp();
  collector = await startCollector({ fetch: async () => new Response('ok', { status: 200 }), mailer: createMailer(smtp.url, 'Heed <heed@example.com>') });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await smtp?.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it('tell them: consent logged with the feedback, the message previewed in German and sent once', async () => {
    const issueUrl = `https://github.com/acme/app/issues/${width}`;
    const email = `jane-${width}@globex.example`;
    const view = await openConsole(browser, collector.url, width);
    const { page, problems } = view;

    await page.getByRole('button', { name: 'Log feedback' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log feedback' });
    await dialog.getByLabel('Feedback', { exact: true }).fill('Exports of big files fail');
    await dialog.getByRole('textbox', { name: 'Customer' }).fill('Globex');
    await dialog.getByLabel('Contact email').fill(email);
    await dialog.getByLabel('They agree to hear back when it ships').check();
    await dialog.getByRole('button', { name: 'Log it', exact: false }).click();
    await page.getByRole('link', { name: 'Open it' }).click();

    const issuePanel = page.getByRole('region', { name: 'Issue' });
    await issuePanel.getByLabel('Issue or feature URL').fill(issueUrl);
    await issuePanel.getByLabel('Title (optional)').fill('Big exports');
    await issuePanel.getByRole('button', { name: 'Link issue' }).click();
    await expect.poll(() => issuePanel.getByRole('status').textContent()).toMatch(/^Linked/);
    const panel = page.getByRole('region', { name: 'Tell them' });
    await expect.poll(() => panel.textContent()).toContain('is not closed');

    await collector.store.issues.setState(issueUrl, { state: 'closed' }, new Date());
    await page.reload();
    await panel.getByLabel('Language').selectOption('de');
    await expect.poll(() => panel.textContent()).toContain('Erledigt: Big exports');
    expect(await panel.locator('pre').textContent()).toContain(`Das ist jetzt umgesetzt: Big exports\n${issueUrl}`);
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'tell-them', width);

    const before = smtp.mails.length;
    await panel.getByRole('button', { name: 'Send it' }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toBe(`Sent to ${email}.`);
    await expect.poll(() => panel.textContent()).toMatch(/Told on /);
    expect(await panel.getByRole('button', { name: 'Send it' }).count()).toBe(0);
    expect(smtp.mails.length).toBe(before + 1);
    expect(smtp.mails.at(-1)?.to).toEqual([email]);
    await expect.poll(() => page.locator('ol.history').textContent()).toContain('toldThem');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await view.context.close();
  });
});
