import type { PublicSurveysBody } from '@heed/shared';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHeed } from './index.ts';

const body: PublicSurveysBody = {
  project: { key: 'pk_demo', cooldownDays: 30 },
  surveys: [
    {
      id: 'portal-cancel',
      project: 'pk_demo',
      productArea: 'billing',
      active: true,
      kind: 'cancel',
      reasons: [{ id: 'too-expensive', label: 'Too expensive' }],
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('createHeed (ESM entry)', () => {
  it('loads the UI through the bundler and sends the answer to the endpoint', async () => {
    const posted: Array<{ url: string; body: Record<string, unknown> }> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (init?.method !== 'POST') return new Response(JSON.stringify(body));
      posted.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ id: 'resp_9', duplicate: false }), { status: 202 });
    });
    const mount = document.body.appendChild(document.createElement('div'));
    const heed = createHeed({ endpoint: 'https://collector.test', project: 'pk_demo', user: { userId: 'u_1', plan: 'saas' } });

    const result = heed.show('portal-cancel', { mount });
    await vi.waitFor(() => expect(mount.querySelector('heed-survey')?.shadowRoot?.querySelector('form')).toBeTruthy());
    const shadow = mount.querySelector('heed-survey')!.shadowRoot!;
    act(() => shadow.querySelector<HTMLInputElement>('input[type="radio"]')!.click());
    act(() => {
      shadow.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });

    await expect(result).resolves.toEqual({ status: 'submitted', responseId: 'resp_9' });
    const answer = posted.find((post) => post.url === 'https://collector.test/v1/responses');
    expect(answer?.body).toMatchObject({ projectKey: 'pk_demo', surveyId: 'portal-cancel', answers: { reason: 'too-expensive' }, context: { plan: 'saas' } });
  });
});
