import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../api.ts';
import type { PresentedResponse } from '../types.ts';
import { TriageList } from './triage-list.tsx';

const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> & "quotes"';

function response(id: string, comment: string, status: PresentedResponse['triage']['status'] = 'new'): PresentedResponse {
  return {
    id,
    submissionId: `sub-${id}`,
    projectKey: 'pk_test',
    surveyId: 'app-nps',
    kind: 'nps',
    productArea: 'editor',
    answers: { score: 2, comment },
    category: 'detractor',
    hasComment: true,
    respondent: { accountId: 'acct_<b>9</b>' },
    context: { plan: 'saas' },
    plan: 'saas',
    receivedAt: '2026-03-04T10:00:00.000Z',
    day: '2026-03-04',
    routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
    triage: { status, tags: [], history: [] },
  };
}

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

let container: HTMLElement;
let calls: Call[];
let patchStatus: number;

/** The admin API as the console sees it over fetch: a list of comments, and PATCH answering `patchStatus`. */
const fakeFetch: typeof fetch = async (input, init = {}) => {
  const url = String(input);
  const call: Call = { method: init.method ?? 'GET', url, headers: init.headers as Record<string, string> };
  if (typeof init.body === 'string') call.body = JSON.parse(init.body);
  calls.push(call);
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  if (call.method === 'PATCH') {
    if (patchStatus !== 200) {
      return json(patchStatus, { statusCode: patchStatus, code: 'HEED_ERR_CONFLICT', error: 'Conflict', message: 'changed meanwhile' });
    }
    const id = decodeURIComponent(url.split('/').pop() ?? '');
    return json(200, response(id, 'second', (call.body as { status: PresentedResponse['triage']['status'] }).status));
  }
  return json(200, { items: [response('r1', hostile), response('r/2', 'second', 'acknowledged')], nextCursor: null });
};

async function settle(done: () => boolean): Promise<void> {
  for (let tick = 0; tick < 50 && !done(); tick += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
  expect(done()).toBe(true);
}

beforeEach(() => {
  calls = [];
  patchStatus = 200;
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('TriageList', () => {
  it('lists every comment as text, never as markup', async () => {
    const api = createApi({ token: 'secret-token', onUnauthorized: () => {}, fetch: fakeFetch });
    await act(() => render(<TriageList api={api} />, container));
    await settle(() => container.querySelectorAll('.triage-item').length === 2);

    expect(calls[0]).toMatchObject({ method: 'GET', url: '/v1/responses?hasComment=true&limit=50' });
    expect(calls[0]?.headers.authorization).toBe('Bearer secret-token');
    const [first] = container.querySelectorAll('blockquote.comment');
    expect(first?.textContent).toBe(hostile);
    expect(first?.innerHTML).toContain('&lt;img src=x onerror="window.pwned=1"&gt;&lt;script&gt;');
    expect(container.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    expect(container.textContent).toContain('account acct_<b>9</b>');
  });

  it('saves a status change with PATCH and shows the stored result', async () => {
    const api = createApi({ token: 'secret-token', onUnauthorized: () => {}, fetch: fakeFetch });
    await act(() => render(<TriageList api={api} />, container));
    await settle(() => container.querySelectorAll('select#status-r\\/2').length === 1);

    const select = container.querySelector<HTMLSelectElement>('select#status-r\\/2')!;
    expect(select.value).toBe('acknowledged');
    await act(() => {
      select.value = 'closed';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(() => calls.some((call) => call.method === 'PATCH') && !select.disabled);
    expect(calls.find((call) => call.method === 'PATCH')).toMatchObject({ url: '/v1/responses/r%2F2', body: { status: 'closed' } });
    expect(container.querySelectorAll('.triage-item')[1]?.getAttribute('data-status')).toBe('closed');
  });

  it('says when a change was not saved, and shows the stored status again', async () => {
    patchStatus = 409;
    const api = createApi({ token: 'secret-token', onUnauthorized: () => {}, fetch: fakeFetch });
    await act(() => render(<TriageList api={api} />, container));
    await settle(() => container.querySelectorAll('.triage-item').length === 2);

    const select = container.querySelector<HTMLSelectElement>('select#status-r1')!;
    await act(() => {
      select.value = 'actioned';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(() => container.querySelector('[role="alert"]') !== null);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Not saved: changed meanwhile');
    expect(select.value).toBe('new');
  });
});
