/**
 * Surveys edited without a restart, in real Chromium against a running collector: a PUT of a survey's
 * settings changes the question the widget's prompt asks on the next page view, and `active: false` stops
 * it being offered (and `{}` brings it back, with the file's wording).
 */
import { HeedConfigSchema } from '@heed/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './helpers/start-collector.ts';
import { launchChromium, watchedPage } from './helpers/widget-browser.ts';
import { startWidgetHost, type WidgetHost } from './helpers/widget-host.ts';

const FILE_QUESTION = 'How likely are you to recommend Demo to a friend?';
const EDITED_QUESTION = 'Would you recommend the new editor to a colleague?';
const VISITORS = ['v1', 'v2', 'v3', 'v4', 'v5'];

let browser: Browser;
let host: WidgetHost;
let collector: RunningCollector;

beforeAll(async () => {
  browser = await launchChromium();
  host = await startWidgetHost();
  collector = await startCollector({
    config: (url) =>
      HeedConfigSchema.parse({
        publicUrl: url,
        projects: [{ key: 'pk_demo', name: 'Demo app', allowedOrigins: [host.url] }],
        surveys: [{ id: 'app-nps', project: 'pk_demo', kind: 'nps', productArea: 'editor', question: FILE_QUESTION }],
        owners: [{ id: 'pm-editor', name: 'Editor PM' }],
        routes: [{ when: { kind: 'nps' }, owner: 'pm-editor' }],
      }),
  });
  // One page per visitor: a display is remembered per person, and would hold the prompt back (recontact).
  for (const visitor of VISITORS) {
    host.serve(
      `/${visitor}`,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Editor</title>
<script async src="${collector.url}/widget/heed.js" data-project="pk_demo" data-user-id="${visitor}"></script></head>
<body><main><h1>Editor</h1></main></body></html>`,
    );
  }
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await host?.close();
});

async function putSettings(settings: object): Promise<void> {
  const res = await fetch(`${collector.url}/v1/surveys/app-nps/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json', 'x-heed-actor': 'Ana' },
    body: JSON.stringify(settings),
  });
  expect(res.status).toBe(200);
}

/** A fresh profile (no cached survey list, no local display memory) viewing the visitor's page. */
async function visit(visitor: string) {
  const context = await browser.newContext();
  const watched = await watchedPage(context);
  const listed = watched.page.waitForResponse((res) => res.url().includes('/v1/projects/pk_demo/surveys'));
  await watched.page.goto(`${host.url}/${visitor}`);
  await listed;
  return { ...watched, context };
}

describe('surveys edited without a restart', () => {
  it("a PUT of the question changes the prompt's question on the next page view", async () => {
    const before = await visit('v1');
    await before.page.getByRole('dialog', { name: FILE_QUESTION }).waitFor();
    expect(before.problems).toEqual([]);
    await before.context.close();

    await putSettings({ question: EDITED_QUESTION });
    const after = await visit('v2');
    await after.page.getByRole('dialog', { name: EDITED_QUESTION }).waitFor();
    expect(await after.page.getByRole('dialog', { name: FILE_QUESTION }).count()).toBe(0);
    expect(after.problems).toEqual([]);
    await after.context.close();
  });

  it('active: false stops it being offered; {} brings back the file definition', async () => {
    await putSettings({ active: false });
    const off = await visit('v3');
    await off.page.waitForTimeout(500); // the survey would be shown at once (no delay) if it were offered
    expect(await off.page.locator('heed-survey').count()).toBe(0);
    expect(await off.page.getByRole('dialog').count()).toBe(0);
    expect(off.problems).toEqual([]);
    await off.context.close();

    await putSettings({});
    const on = await visit('v4');
    await on.page.getByRole('dialog', { name: FILE_QUESTION }).waitFor();
    expect(on.problems).toEqual([]);
    await on.context.close();

    const history = await fetch(`${collector.url}/v1/surveys/app-nps/history`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect((await history.json()).items.map((change: { actor: string; settings: object }) => [change.actor, change.settings])).toEqual([
      ['Ana', {}],
      ['Ana', { active: false }],
      ['Ana', { question: EDITED_QUESTION }],
    ]);
  });
});
