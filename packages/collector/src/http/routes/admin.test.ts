import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testAlert, testResponse } from '../../domain/test-support.ts';
import { ADMIN_TOKEN, buildTestApp, submission, type TestApp } from '../test-support.ts';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-03-04T10:00:00Z');
  t = await buildTestApp({ clock: () => now });
});
afterEach(async () => {
  await t.close();
});

const admin = (url: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' = 'GET', payload?: unknown) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** Posts answers one minute apart; returns their ids, oldest first. */
async function answer(count: number, overrides: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    now = new Date(now.getTime() + 60_000);
    const res = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission({ answers: { score: i % 11 }, ...overrides }) });
    expect(res.statusCode).toBe(202);
    ids.push(res.json().id);
  }
  return ids;
}

describe('admin authentication', () => {
  it('refuses requests without the token or with a wrong one', async () => {
    const none = await t.app.inject({ url: '/v1/responses' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json()).toMatchObject({ code: 'HEED_ERR_UNAUTHORIZED' });
    const wrong = await t.app.inject({ url: '/v1/alerts', headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } });
    expect(wrong.statusCode).toBe(401);
    const csv = await t.app.inject({ url: '/v1/responses.csv', headers: { authorization: 'Basic abc' } });
    expect(csv.statusCode).toBe(401);
  });

  it('is disabled, and says how to enable it, without a configured token', async () => {
    const off = await buildTestApp({ adminToken: undefined });
    try {
      const res = await off.app.inject({ url: '/v1/responses', headers: { authorization: 'Bearer anything' } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'HEED_ERR_ADMIN_DISABLED', message: expect.stringContaining('HEED_ADMIN_TOKEN') });
    } finally {
      await off.close();
    }
  });
});

describe('GET /v1/responses', () => {
  it('pages through every response newest first with cursors', async () => {
    const ids = await answer(5);
    const seen: string[] = [];
    let url = '/v1/responses?limit=2';
    for (let page = 0; page < 5; page += 1) {
      const res = await admin(url);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((item: { id: string }) => item.id));
      if (body.nextCursor === null) break;
      url = `/v1/responses?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('presents responses with ids and ISO dates, filtered', async () => {
    await answer(2);
    await answer(1, { surveyId: 'portal-cancel', answers: { reason: 'too-expensive' }, context: { plan: 'self-managed' } });
    const res = await admin('/v1/responses?survey=portal-cancel');
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ surveyId: 'portal-cancel', kind: 'cancel', plan: 'self-managed', receivedAt: '2026-03-04T10:03:00.000Z' });
    expect(items[0].id).toEqual(expect.any(String));
    expect(items[0]).not.toHaveProperty('_id');
  });

  it('validates the query and the cursor', async () => {
    const limit = await admin('/v1/responses?limit=0');
    expect(limit.statusCode).toBe(400);
    expect(limit.json().message).toMatch(/^query\.limit: Too small/);
    const unknown = await admin('/v1/responses?colour=blue');
    expect(unknown.json().message).toBe('query: Unrecognized key: "colour"');
    const cursor = await admin('/v1/responses?cursor=garbage');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().code).toBe('HEED_ERR_BAD_CURSOR');
  });
});

describe('GET /v1/responses.csv', () => {
  it('downloads the selection as a CSV attachment', async () => {
    await answer(3, { answers: { score: 2, comment: 'says "hi", twice' } });
    const res = await admin('/v1/responses.csv?survey=app-nps');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="heed-responses-2026-03-04.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^id,receivedAt,projectKey,surveyId/);
    expect(lines[1]).toContain('"says ""hi"", twice"');
  });
});

describe('alerts', () => {
  it('lists alerts and retries a failed one', async () => {
    const at = new Date('2026-03-04T10:00:00Z');
    const lease = new Date(at.getTime() + 60_000);
    await t.store.responses.record(testResponse(), [testAlert({ _id: 'alert-1' })]);
    expect(await t.store.alerts.claimNextDue('w', at, lease)).toMatchObject({ _id: 'alert-1' });
    await t.store.alerts.recordAttempt('alert-1', 'w', lease, { status: 'failed', at, error: 'HTTP 500' });
    const list = await admin('/v1/alerts?status=failed');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ items: [{ id: 'alert-1', status: 'failed', failedAt: at.toISOString(), lastError: 'HTTP 500' }], nextCursor: null });
    const attempts = await admin('/v1/alerts/alert-1/attempts');
    expect(attempts.json()).toEqual({ items: [{ at: at.toISOString(), status: 'failed', error: 'HTTP 500' }] });
    expect((await admin('/v1/alerts/nope/attempts')).statusCode).toBe(404);

    const retried = await admin('/v1/alerts/alert-1/retry', 'POST');
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: 'alert-1', status: 'pending', attempts: 0 });
    const again = await admin('/v1/alerts/alert-1/retry', 'POST');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('HEED_ERR_CONFLICT');
    const missing = await admin('/v1/alerts/nope/retry', 'POST');
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /v1/responses/:id', () => {
  it('returns one response, 404 for an unknown id, 401 without the token', async () => {
    const [id] = await answer(1, { answers: { score: 4, comment: 'slow export' } });
    const res = await admin(`/v1/responses/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, answers: { score: 4, comment: 'slow export' }, category: 'detractor' });
    expect(res.json()).not.toHaveProperty('_id');
    const missing = await admin('/v1/responses/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'HEED_ERR_NOT_FOUND', message: 'response "nope" not found' });
    expect((await t.app.inject({ method: 'GET', url: `/v1/responses/${id}` })).statusCode).toBe(401);
  });
});

describe('PATCH /v1/responses/:id', () => {
  it('changes the triage and records who changed what', async () => {
    const [id] = await answer(1, { answers: { score: 2, comment: 'crashes' } });
    const res = await admin(`/v1/responses/${id}`, 'PATCH', { status: 'acknowledged', tags: ['crash'], issueUrl: 'https://issues.example.com/1' });
    expect(res.statusCode).toBe(200);
    const { triage } = res.json();
    expect(triage).toMatchObject({ status: 'acknowledged', tags: ['crash'], issueUrl: 'https://issues.example.com/1' });
    expect(triage.history).toHaveLength(1);
    expect(triage.history[0]).toMatchObject({ actor: 'admin', at: now.toISOString() });
  });

  it('validates the patch and answers 404 for an unknown response', async () => {
    const empty = await admin('/v1/responses/whatever', 'PATCH', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('body: at least one of status, owner, issueUrl, tags is required');
    const status = await admin('/v1/responses/whatever', 'PATCH', { status: 'done' });
    expect(status.json().message).toMatch(/^body\.status: Invalid option/);
    const missing = await admin('/v1/responses/nope', 'PATCH', { status: 'closed' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('HEED_ERR_NOT_FOUND');
    const unauthorised = await t.app.inject({ method: 'PATCH', url: '/v1/responses/nope', payload: { status: 'closed' } });
    expect(unauthorised.statusCode).toBe(401);
  });
});

describe('DELETE /v1/respondents/:userId', () => {
  it("erases one person's responses and says how many", async () => {
    await answer(2, { respondent: { userId: 'u_gone' } });
    await answer(1, { respondent: { userId: 'u_kept' } });
    const res = await admin('/v1/respondents/u_gone', 'DELETE');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ erased: { responses: 2, displays: 0, alerts: expect.any(Number) } });
    expect(await t.store.responses.count({})).toBe(1);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/respondents/u_kept' })).statusCode).toBe(401);
  });
});
