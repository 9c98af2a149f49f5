import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApi } from '../api.ts';
import { TeamUpdatePage, type TeamUpdatePreview } from './team-update-page.tsx';

const hostile = '<img src=x onerror="window.pwned=1"> SSO & "quotes"';

const preview: TeamUpdatePreview = {
  name: 'Product team',
  periodKey: '2026-01-09',
  timeZone: 'UTC',
  week: { start: '2026-01-02T15:00:00.000Z', end: '2026-01-09T15:00:00.000Z' },
  pursued: [
    {
      id: 'item-2',
      source: 'email',
      feedbackType: 'product',
      title: hostile,
      status: 'acknowledged',
      owner: 'pm-editor',
      issueUrl: 'https://github.com/acme/app/issues/7',
      changes: [{ at: '2026-01-06T10:00:00.000Z', actor: 'pm-editor', changes: { status: { from: 'new', to: 'acknowledged' } } }],
    },
    { id: 'resp-1', source: 'survey', title: 'NPS 2 (app-nps)', status: 'actioned', changes: [] },
  ],
  morePursued: 0,
  newItems: { total: 3, bySource: { email: 2, survey: 1 }, byType: { product: 2, nps: 1 } },
  escalations: [{ id: 'item-9', title: 'Export is slow', at: '2026-01-07T10:00:00.000Z', from: 'pm-editor', to: 'pm-growth' }],
  failedAlerts: [{ id: 'a1', ownerId: 'pm-growth', channel: 'slack', failedAt: '2026-01-08T10:00:00.000Z', lastError: 'HTTP 404' }],
};

let container: HTMLElement;
const urls: string[] = [];
const fakeFetch: typeof fetch = async (input) => {
  urls.push(String(input));
  return new Response(JSON.stringify(preview), { status: 200, headers: { 'content-type': 'application/json' } });
};

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

it('previews the team update: pursued items with their issue links and changes, new items, escalations, failed alerts', async () => {
  const api = createApi({ token: 'secret-token', onUnauthorized: () => {}, fetch: fakeFetch });
  await act(() => render(<TeamUpdatePage api={api} />, container));
  for (let tick = 0; tick < 50 && !container.querySelector('h2'); tick += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
  expect(urls).toEqual(['/v1/team-update/preview']);
  expect(container.querySelector('h2')?.textContent).toBe('Product team update, week to 2026-01-09');
  const items = container.querySelectorAll('.team-update-items > li');
  expect(items).toHaveLength(2);
  expect(items[0]?.querySelector('a')?.textContent).toBe(hostile);
  expect(container.querySelector('img')).toBeNull();
  expect(items[0]?.querySelector('a[href="https://github.com/acme/app/issues/7"]')).not.toBeNull();
  expect(items[0]?.textContent).toContain('2026-01-06 pm-editor: status');
  expect(items[1]?.textContent).toContain('No issue linked');
  expect(items[1]?.querySelector('a')?.getAttribute('href')).toBe('/console/responses/resp-1');
  expect(container.textContent).toContain('By source: email 2, survey 1');
  expect(container.textContent).toContain('Export is slow (pm-editor → pm-growth)');
  expect(container.textContent).toContain('pm-growth on slack: HTTP 404');
});
