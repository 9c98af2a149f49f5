/**
 * The console's Routes view in real Chromium at 390 and 1280 px: the ordered rules, "who would get this
 * answer?", a rule edited and saved without a restart changing the owner of the next alert, a test alert
 * that reaches the owner's webhook, the change kept with its actor. No horizontal overflow, axe WCAG 2.2
 * A/AA clean in light and dark, no console errors.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalOverflow, openConsole, openView, screenshot } from './helpers/console-browser.ts';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium } from './helpers/widget-browser.ts';

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

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** A detractor's comment on the editor's NPS survey, as the widget sends it; answers its id. */
async function detractorAnswer(comment: string, plan?: 'saas'): Promise<string> {
  const res = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ submissionId: crypto.randomUUID(), projectKey: 'pk_demo', surveyId: 'app-nps', answers: { score: 2, comment }, context: plan ? { plan } : {} }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** The owners whose demo inbox received a signed alert about the response. */
async function alertOwners(responseId: string): Promise<string[]> {
  const res = await fetch(`${collector.url}/demo/inbox.json`);
  const { deliveries } = (await res.json()) as { deliveries: { ownerId: string; payload: unknown }[] };
  return [...new Set(deliveries.filter((delivery) => JSON.stringify(delivery.payload).includes(responseId)).map((delivery) => delivery.ownerId))];
}

/** How the collector routed a response: its owner and why. */
async function routingOf(responseId: string): Promise<{ owner?: string; reason: string }> {
  const res = await fetch(`${collector.url}/v1/responses/${responseId}`, { headers: admin });
  return ((await res.json()) as { routing: { owner?: string; reason: string } }).routing;
}

describe('Routes view', () => {
  for (const width of [390, 1280] as const) {
    it(`at ${width} px: lists the rules in order and answers "who would get this answer?"`, async () => {
      const { page, problems, context } = await openConsole(browser, collector.url, width);
      await openView(page, 'Routes');
      const rules = page.getByRole('list', { name: 'Rules' }).getByRole('listitem');
      await expect.poll(() => rules.count()).toBe(3);
      expect(await rules.first().locator('summary').textContent()).toBe('Rule 1: productArea editor → Editor PM');

      const tester = page.getByRole('region', { name: 'Who would get this answer?' });
      await tester.getByLabel('Survey').selectOption('app-nps');
      await tester.getByLabel('Score (0 to 10)').fill('3');
      await tester.getByLabel('Comment').fill('Exports are slow');
      await tester.getByRole('button', { name: 'Who would get it?' }).click();
      await expect.poll(() => tester.getByTestId('route-answer').textContent()).toContain('Editor PM: Editor PM (pm-editor), by rule 1 (productArea editor)');

      await tester.getByLabel('Score (0 to 10)').fill('10');
      await tester.getByLabel('Comment').fill('');
      await tester.getByRole('button', { name: 'Who would get it?' }).click();
      await expect.poll(() => tester.getByTestId('route-answer').textContent()).toContain('Nobody: Nobody is alerted');
      await rules.first().locator('summary').click();
      await expectNoHorizontalOverflow(page);
      await expectAccessible(page);
      await screenshot(page, 'routes', width);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('at 1280 px: a rule edited in the console sends the next alert to its new owner, without a restart; a test alert arrives', async () => {
    const before = await detractorAnswer('Exports are slow');
    await expect.poll(() => alertOwners(before)).toEqual(['pm-editor']);

    const { page, problems, context } = await openConsole(browser, collector.url, 1280);
    await openView(page, 'Routes');
    await page.getByLabel('Your name').fill('Ana Lima');
    await page.getByRole('button', { name: 'Remember' }).click();
    const first = page.getByRole('list', { name: 'Rules' }).getByRole('listitem').first();
    await first.locator('summary').click();
    await first.getByLabel('Goes to').selectOption('pm-growth');
    await first.getByLabel('Plan').selectOption('saas');
    await expect.poll(() => first.locator('summary').textContent()).toBe('Rule 1: productArea editor · plan saas → Growth PM');
    await page.getByRole('button', { name: 'Save routing' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Routing history' }).textContent()).toContain('Ana Lima · changed routes');

    // A saas answer: rule 1 now sends it to Growth PM. Any other plan: no rule matches, the rotation takes it.
    const saas = await detractorAnswer('Slow on our plan', 'saas');
    await expect.poll(() => alertOwners(saas)).toEqual(['pm-growth']);
    expect(await routingOf(saas)).toEqual({ status: 'routed', owner: 'pm-growth', reason: 'route:0' });
    const other = await detractorAnswer('Exports are still slow');
    expect((await routingOf(other)).reason).toBe('rotation');

    const owner = page.getByRole('list').filter({ hasText: 'Growth PM (pm-growth)' }).getByRole('listitem').filter({ hasText: 'Growth PM (pm-growth)' });
    await owner.locator('summary').click();
    await owner.getByRole('button', { name: 'Send a test alert to Growth PM' }).click();
    await expect.poll(() => owner.getByRole('status').textContent()).toContain('webhook: delivered');
    const inbox = await (await fetch(`${collector.url}/demo/inbox.json`)).text();
    expect(inbox).toContain('A test alert from Heed, sent by Ana Lima');

    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'routes-edited', 1280);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 390 px: adds an owner with a signed webhook, makes them the DRI of a feedback type, and sends them a test alert', async () => {
    const { page, problems, context } = await openConsole(browser, collector.url, 390);
    await openView(page, 'Routes');
    await page.getByLabel("New owner's id (a-z, 0-9, -)").fill('pm-support');
    await page.getByRole('button', { name: 'Add owner' }).click();
    const owner = page.getByRole('listitem').filter({ has: page.locator('summary', { hasText: '(pm-support)' }) });
    await owner.locator('summary').click();
    await owner.getByLabel('Name', { exact: true }).fill('Support lead');
    await owner.getByLabel('Webhook URL', { exact: true }).fill(`${collector.url}/demo/inbox/pm-support`);
    await owner.getByLabel('Webhook signing secret (16 characters or more)').fill('support-secret-0123456789');
    await expect.poll(() => owner.getByRole('status').textContent()).toBe('Save first to send a test alert.');
    await page.getByRole('combobox', { name: 'Primary of Customer experience' }).selectOption('pm-support');
    await page.getByRole('button', { name: 'Save routing' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const saved = page.getByRole('listitem').filter({ has: page.locator('summary', { hasText: 'Support lead (pm-support)' }) });
    await saved.locator('summary').click();
    // The secret is never shown again; the field says one is set.
    expect(await saved.getByLabel('Webhook signing secret (16 characters or more)').getAttribute('placeholder')).toBe('Set: leave empty to keep it');
    await saved.getByRole('button', { name: 'Send a test alert to Support lead' }).click();
    await expect.poll(() => saved.getByRole('status').textContent()).toBe('webhook: delivered');
    const inbox = (await (await fetch(`${collector.url}/demo/inbox.json`)).json()) as { deliveries: { ownerId: string }[] };
    expect(inbox.deliveries.map((delivery) => delivery.ownerId)).toContain('pm-support');

    const listed = (await (await fetch(`${collector.url}/v1/routing`, { headers: admin })).json()) as {
      feedbackTypes: { id: string; primaryOwner?: string }[];
      sources: Record<string, string>;
    };
    expect(listed.feedbackTypes.find((type) => type.id === 'customer-experience')?.primaryOwner).toBe('pm-support');
    expect(listed.sources).toMatchObject({ owners: 'console', feedbackTypes: 'console' });
    await expectNoHorizontalOverflow(page);
    await expectAccessible(page);
    await screenshot(page, 'owners', 390);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 1280 px: a save over a change someone else made meanwhile is refused and says who, and changes nothing', async () => {
    const { page, problems, context } = await openConsole(browser, collector.url, 1280);
    await openView(page, 'Routes');
    const rules = page.getByRole('list', { name: 'Rules' }).getByRole('listitem');
    await expect.poll(() => rules.count()).toBeGreaterThan(0);

    // Bo saves the routing through the API after this page loaded it.
    const shown = (await (await fetch(`${collector.url}/v1/routing`, { headers: admin })).json()) as { change?: { version: number }; routes: unknown[] };
    const basedOn = shown.change?.version ?? 0;
    const bo = await fetch(`${collector.url}/v1/routing`, {
      method: 'PUT',
      headers: { ...admin, 'content-type': 'application/json', 'x-heed-actor': 'Bo', 'if-match': `"${basedOn}"` },
      body: JSON.stringify({ routes: shown.routes }),
    });
    expect(bo.status).toBe(200);

    await rules.first().locator('summary').click();
    await rules.first().getByLabel('Plan').selectOption('self-managed');
    await page.getByRole('button', { name: 'Save routing' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`the routing was changed since version ${basedOn} (now version ${basedOn + 1}, by Bo at`);
    const after = (await (await fetch(`${collector.url}/v1/routing`, { headers: admin })).json()) as { change: { version: number; actor: string }; routes: unknown[] };
    expect(after.change).toMatchObject({ version: basedOn + 1, actor: 'Bo' });
    expect(after.routes).toEqual(shown.routes);
    await expectAccessible(page);
    expect(problems.filter((line) => !line.includes('412'))).toEqual([]);
    await context.close();
  });
});
