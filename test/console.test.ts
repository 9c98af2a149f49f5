/**
 * The PM console in real Chromium, against a collector over a real embedded store, with answers sent
 * through the public API: the admin token (refused, then accepted), the NPS trend, cancel reasons by month
 * for SaaS vs self-managed, the responses table and the comment triage list. A hostile comment stays text,
 * a triage change is stored and survives a reload, and the page stays free of errors, CSP violations and
 * axe WCAG 2.2 A/AA violations throughout, in light and dark colour schemes.
 */
import { randomUUID } from 'node:crypto';
import axe from 'axe-core';
import type { SubmissionInput } from '@heed/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LOCALE = 'en-US';
const HOSTILE = '<img src=x onerror=alert(1)>';
const DAY_MS = 24 * 3600 * 1000;
/** What Chromium itself logs for each admin call a wrong token makes: expected while the token is wrong. */
const REFUSED_CALL = 'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)';

type Answer = Pick<SubmissionInput, 'surveyId' | 'answers'> & { plan: 'saas' | 'self-managed' };

/** 40 days ago: always an earlier month than today, and outside the responses table's default 4 weeks. */
const EARLIER: Answer[] = [
  { surveyId: 'portal-cancel', answers: { reason: 'too-expensive' }, plan: 'saas' },
  { surveyId: 'portal-cancel', answers: { reason: 'missing-features' }, plan: 'self-managed' },
];
const TODAY: Answer[] = [
  { surveyId: 'app-nps', answers: { score: 10, comment: 'Love the editor' }, plan: 'saas' },
  { surveyId: 'app-nps', answers: { score: 9 }, plan: 'saas' },
  { surveyId: 'app-nps', answers: { score: 7 }, plan: 'self-managed' },
  { surveyId: 'app-nps', answers: { score: 2, comment: HOSTILE }, plan: 'self-managed' },
  { surveyId: 'portal-cancel', answers: { reason: 'too-expensive', comment: 'Pricing doubled at renewal' }, plan: 'saas' },
  { surveyId: 'portal-cancel', answers: { reason: 'too-expensive' }, plan: 'saas' },
  { surveyId: 'portal-cancel', answers: { reason: 'not-using' }, plan: 'self-managed' },
];

let browser: Browser;
let collector: RunningCollector;
/** The collector's time: `undefined` follows the real clock. */
let collectorNow: Date | undefined;

async function post({ surveyId, answers, plan }: Answer): Promise<string> {
  const body: SubmissionInput = {
    submissionId: randomUUID(),
    projectKey: 'pk_demo',
    surveyId,
    answers,
    respondent: { userId: `user-${randomUUID()}`, accountId: `acct-${plan}` },
    context: { plan },
  };
  const res = await fetch(`${collector.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function seed(answers: Answer[]): Promise<string[]> {
  const ids: string[] = [];
  for (const answer of answers) ids.push(await post(answer));
  return ids;
}

async function admin<T>(path: string): Promise<T> {
  const res = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** axe's WCAG violations on the page, one line per failing element. The page's CSP forbids inline scripts, so axe comes in through the debugger. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async (tags) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' > ')}: ${node.failureSummary}`));
  }, WCAG);
}

async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await violations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const monthLabel = (date: Date) => date.toLocaleDateString(LOCALE, { timeZone: 'UTC', month: 'short' });

let hostileId: string;
let pricingId: string;

beforeAll(async () => {
  browser = await launchChromium();
  collector = await startCollector({ clock: () => collectorNow ?? new Date() });
  collectorNow = new Date(Date.now() - 40 * DAY_MS);
  await seed(EARLIER);
  collectorNow = undefined;
  const ids = await seed(TODAY);
  hostileId = ids[TODAY.findIndex((answer) => answer.answers.comment === HOSTILE)]!;
  pricingId = ids[TODAY.findIndex((answer) => answer.answers.comment === 'Pricing doubled at renewal')]!;
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
});

it('asks for the token, then shows the dashboards, responses and triage safely, accessibly and durably', async () => {
  const context = await browser.newContext({ locale: LOCALE, timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
  const { page, problems } = await watchedPage(context);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // The token: asked for, a wrong one refused with an alert, the form still labelled.
  await page.goto(`${collector.url}/console/`);
  await page.getByLabel('Admin token').fill('not-the-token');
  await page.getByRole('button', { name: 'Open the console' }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toContain('That token was refused');
  expect(await page.getByLabel('Admin token').isVisible()).toBe(true);
  await expectAccessible(page);
  expect(problems.filter((problem) => problem !== REFUSED_CALL)).toEqual([]);
  problems.length = 0;

  // The overview: the NPS trend drawn and summed up: 2 promoters, 1 passive, 1 detractor of 4 -> +25.
  await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Open the console' }).click();
  const nps = page.getByRole('region', { name: 'NPS trend' });
  await nps.locator('canvas').first().waitFor();
  expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Heed console']);
  expect(await nps.getByTestId('nps-total').textContent()).toBe('+25');
  expect(await nps.locator('.stat').filter({ hasText: 'Responses' }).locator('.big').textContent()).toBe('4');
  await expectAccessible(page);

  // Cancel reasons by month, one panel per plan, counted from this month's and an earlier month's answers.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Cancel reasons' }).click();
  const reasons = page.getByRole('region', { name: 'Cancel reasons by month' });
  await reasons.locator('canvas').first().waitFor();
  expect(await reasons.locator('figure.panel figcaption').allTextContents()).toEqual(['SaaS: 3 answers', 'Self-managed: 2 answers']);
  const saas = reasons.locator('figure.panel').first();
  await saas.getByText('Numbers').click();
  const thisMonth = monthLabel(new Date());
  expect(await saas.getByRole('row', { name: new RegExp(`^${thisMonth.split(' ')[0]}`) }).first().getByRole('cell').allTextContents()).toEqual([
    'Too expensive',
    '2',
    '100%',
  ]);
  await expectAccessible(page);

  // The responses table: the last 4 weeks' answers, the hostile comment as text.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Responses' }).click();
  const table = page.getByRole('region', { name: 'Responses', exact: true }).getByRole('table');
  await expect.poll(() => table.locator('tbody tr').count()).toBe(TODAY.length);
  expect(await table.getByRole('cell', { name: HOSTILE, exact: true }).count()).toBe(1);
  await expectAccessible(page);

  // Triage: every comment, the hostile one as text; a status change is stored.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Triage' }).click();
  const items = page.locator('li.triage-item');
  await expect.poll(() => items.count()).toBe(TODAY.filter((answer) => answer.answers.comment).length);
  expect(await page.locator('blockquote.comment').filter({ hasText: HOSTILE }).textContent()).toBe(HOSTILE);
  expect(await page.evaluate(() => document.querySelectorAll('img, script:not([src])').length)).toBe(0);
  await expectAccessible(page);

  // Each status select is described by its comment, so the many "Status" selects tell apart.
  const descriptions = await page.$$eval('li.triage-item select', (selects) =>
    selects.map((select) => document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent),
  );
  expect(descriptions.sort()).toEqual(TODAY.flatMap((answer) => answer.answers.comment ?? []).sort());

  const pricing = items.filter({ hasText: 'Pricing doubled at renewal' });
  await pricing.getByLabel('Status').selectOption('acknowledged');
  await expect.poll(() => pricing.getAttribute('data-status')).toBe('acknowledged');
  expect(await pricing.getByLabel('Status').isEnabled()).toBe(true);
  const stored = await admin<{ triage: { status: string } }>(`/v1/responses/${encodeURIComponent(pricingId)}`);
  expect(stored.triage.status).toBe('acknowledged');
  expect((await admin<{ triage: { status: string } }>(`/v1/responses/${encodeURIComponent(hostileId)}`)).triage.status).toBe('new');

  // A reload keeps the token (this tab's sessionStorage) and shows the stored status.
  await page.reload();
  const reloaded = page.locator('li.triage-item').filter({ hasText: 'Pricing doubled at renewal' });
  await expect.poll(() => reloaded.getByLabel('Status').inputValue()).toBe('acknowledged');
  expect(await page.getByLabel('Admin token').count()).toBe(0);

  expect(dialogs).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

it('shows the server\'s own message when its admin API is off, not "refused"', async () => {
  const disabled = await startCollector({ adminToken: undefined });
  try {
    const context = await browser.newContext({ locale: LOCALE, viewport: { width: 390, height: 844 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${disabled.url}/console/`);
    await page.getByLabel('Admin token').fill('any-token-at-all');
    await page.getByRole('button', { name: 'Open the console' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('the admin API is disabled: set HEED_ADMIN_TOKEN to enable it');
    await expectAccessible(page);
    expect(problems.filter((problem) => problem !== REFUSED_CALL)).toEqual([]);
    await context.close();
  } finally {
    await disabled.close();
  }
});
