/**
 * The console's Privacy view in real Chromium at 390 and 1280 px: a person's survey answers, displays and
 * unsent alerts erased by user id, and their email address erased from the feedback they are the contact
 * or reporter of, each only once its confirmation is ticked; what was erased is said in a live region and
 * checked against the store. Axe WCAG 2.2 A/AA clean in light and dark, no horizontal overflow, no console
 * errors.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, openView, screenshot, WIDTHS } from './helpers/console-browser.ts';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

let browser: Browser;
let collector: RunningCollector;

async function post(path: string, body: unknown, headers: Record<string, string>): Promise<{ id: string }> {
  const res = await fetch(`${collector.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

/** Two answers and a display of `userId` through the widget's API, and an item whose contact is `email`. */
async function somePerson(userId: string, email: string): Promise<{ answers: string[]; item: string }> {
  const widget = { origin: new URL(collector.url).origin };
  const answers: string[] = [];
  for (const score of [2, 9]) {
    const answer = { submissionId: crypto.randomUUID(), projectKey: 'pk_demo', surveyId: 'app-nps', answers: { score, comment: `Score ${score}` }, respondent: { userId } };
    answers.push((await post('/v1/responses', answer, widget)).id);
  }
  await post('/v1/displays', { displayId: crypto.randomUUID(), projectKey: 'pk_demo', surveyId: 'app-nps', event: 'shown', respondent: { userId } }, widget);
  const draft = { source: 'manual', sourceId: `privacy-${userId}`, text: `Please call me at ${email}`, customer: { accountName: 'Globex', contactEmail: email, mayContact: true } };
  const { id: item } = await post('/v1/feedback', draft, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  return { answers, item };
}

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector({ fetch: async () => new Response('ok', { status: 200 }) });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

describe.each(WIDTHS)('at %i px', (width) => {
  it('privacy: erases a person by user id and by email address, each once confirmed', async () => {
    const userId = `user-${width}`;
    const email = `jane-${width}@globex.example`;
    const { answers, item } = await somePerson(userId, email);
    const view = await openConsole(browser, collector.url, width);
    const { page, problems } = view;
    await openView(page, 'Privacy');
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);

    const byUser = page.getByRole('form', { name: 'Survey answers, by user id' });
    await byUser.getByLabel('User id').fill(userId);
    // Not confirmed: the form asks for the confirmation, and nothing is erased.
    await byUser.getByRole('button', { name: 'Erase answers' }).click();
    expect(await byUser.getByRole('checkbox').evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
    expect(await collector.store.responses.get(answers[0]!)).not.toBeNull();

    await byUser.getByRole('checkbox').check();
    await byUser.getByRole('button', { name: 'Erase answers' }).click();
    // The detractor's alert may have gone out already (the outbox polls every 50 ms here).
    const said = new RegExp(`^Erased 2 answers, 1 display and (0 unsent alerts|1 unsent alert) of user id "${userId}"\\.$`);
    await expect.poll(() => byUser.getByRole('status').textContent()).toMatch(said);
    for (const id of answers) expect(await collector.store.responses.get(id)).toBeNull();
    expect((await collector.store.displays.seenBy('pk_demo', { userId })).lastAnyShownAt).toBeNull();
    // The form is cleared for the next request; an unknown id says nothing was stored.
    expect(await byUser.getByLabel('User id').inputValue()).toBe('');
    await byUser.getByLabel('User id').fill(userId);
    await byUser.getByRole('checkbox').check();
    await byUser.getByRole('button', { name: 'Erase answers' }).click();
    await expect.poll(() => byUser.getByRole('status').textContent()).toBe(`Nothing was stored for user id "${userId}".`);

    const byEmail = page.getByRole('form', { name: 'Feedback, by email address' });
    await byEmail.getByLabel('Email address').fill(email.toUpperCase());
    await byEmail.getByRole('checkbox').check();
    await byEmail.getByRole('button', { name: 'Erase address' }).click();
    await expect.poll(() => byEmail.getByRole('status').textContent()).toBe(`Erased it from 1 item; nothing will be sent to ${email.toUpperCase()} again.`);
    const erased = await collector.store.items.get(item);
    expect(erased?.customer).toEqual({ accountName: 'Globex' });
    expect(erased?.text).toBe('Please call me at [erased]');
    expect(await collector.store.contacts.isErased(email)).toBe(true);

    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'privacy', width);
    expect(problems).toEqual([]);
    await view.context.close();
  });
});
