import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from './api.ts';

afterEach(() => localStorage.clear());

describe('createApi', () => {
  it('names the remembered user on writes, percent-encoded, and on no read', async () => {
    const seen: Headers[] = [];
    const fetch = (async (_path: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const api = createApi({ token: 'secret-token', onUnauthorized: () => {}, fetch });
    await api.patch('/v1/responses/r1', { status: 'closed' });
    localStorage.setItem('heed.actor', 'Zoë');
    await api.get('/v1/responses');
    await api.patch('/v1/responses/r1', { status: 'new' });
    expect(seen.map((headers) => headers.get('x-heed-actor'))).toEqual([null, null, 'Zo%C3%AB']);
    expect(seen.every((headers) => headers.get('authorization') === 'Bearer secret-token')).toBe(true);
  });
});
