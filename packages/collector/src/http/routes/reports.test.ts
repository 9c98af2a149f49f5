import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, submission, type TestApp } from '../test-support.ts';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-03-18T12:00:00Z');
  t = await buildTestApp({ clock: () => now });
});
afterEach(async () => {
  await t.close();
});

const admin = (url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

async function answer(at: string, overrides: Record<string, unknown>): Promise<void> {
  now = new Date(at);
  const res = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission(overrides) });
  expect(res.statusCode).toBe(202); // an acknowledged answer is counted in the same commit
}

async function show(at: string, surveyId = 'app-nps'): Promise<void> {
  now = new Date(at);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/displays',
    payload: { displayId: crypto.randomUUID(), projectKey: 'pk_test', surveyId, event: 'shown', respondent: { anonymousId: 'anon' } },
  });
  expect(res.statusCode).toBe(202);
}

describe('GET /v1/reports/nps', () => {
  it('answers NPS per period for the filters', async () => {
    await answer('2026-03-02T10:00:00Z', { answers: { score: 10 }, context: { plan: 'saas' } });
    await answer('2026-03-03T10:00:00Z', { answers: { score: 3 }, context: { plan: 'self-managed' } });
    await answer('2026-03-10T10:00:00Z', { answers: { score: 9 }, context: { plan: 'saas' } });
    for (const day of ['02', '03', '10', '11']) await show(`2026-03-${day}T09:59:00Z`);
    await show('2026-03-11T09:59:00Z', 'portal-cancel'); // not an NPS prompt
    now = new Date('2026-03-18T12:00:00Z');

    const res = await admin('/v1/reports/nps?interval=week&from=2026-03-02&to=2026-03-16');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      interval: 'week',
      from: '2026-03-02',
      to: '2026-03-16',
      points: [
        { period: '2026-03-02', responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 },
        { period: '2026-03-09', responses: 1, promoters: 1, passives: 0, detractors: 0, nps: 100 },
      ],
      total: { responses: 3, promoters: 2, passives: 0, detractors: 1, nps: 33.3 },
      scores: [0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1],
      responseRate: { shown: 4, answered: 3, rate: 0.75 },
    });
    const saas = await admin('/v1/reports/nps?plan=saas&interval=month');
    expect(saas.json().total).toMatchObject({ responses: 2, nps: 100 });
    expect(saas.json().scores).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    // Displays carry no plan: the rate stays the whole product's.
    expect(saas.json().responseRate).toEqual({ shown: 4, answered: 3, rate: 0.75 });
    expect(saas.json().points.map((p: { period: string }) => p.period)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('names the field of a bad query', async () => {
    const badInterval = await admin('/v1/reports/nps?interval=year');
    expect(badInterval.statusCode).toBe(400);
    expect(badInterval.json()).toMatchObject({ code: 'HEED_ERR_VALIDATION', message: expect.stringContaining('query.interval') });
    const unknown = await admin('/v1/reports/nps?colour=red');
    expect(unknown.statusCode).toBe(400);
    const reversed = await admin('/v1/reports/nps?from=2026-03-10&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().message).toContain('from: must be before to');
    const badDate = await admin('/v1/reports/reasons?from=2026-13-01');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().message).toContain('query.from');
  });

  it('requires the admin token', async () => {
    expect((await t.app.inject({ url: '/v1/reports/nps' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/reports/reasons', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
  });
});

describe('GET /v1/reports/reasons', () => {
  it('answers reasons by month and plan, with their labels', async () => {
    await answer('2026-02-10T10:00:00Z', { surveyId: 'portal-cancel', answers: { reason: 'too-expensive' }, context: { plan: 'saas' } });
    await answer('2026-03-10T10:00:00Z', { surveyId: 'portal-cancel', answers: { reason: 'other' }, context: { plan: 'self-managed' } });
    await answer('2026-03-11T10:00:00Z', { surveyId: 'extension-exit', answers: { reasons: ['privacy', 'too-slow'] } });
    now = new Date('2026-03-18T12:00:00Z');

    const res = await admin('/v1/reports/reasons');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.months).toEqual([
      { month: '2026-02', kind: 'cancel', plan: 'saas', responses: 1, reasons: { 'too-expensive': 1 } },
      { month: '2026-03', kind: 'cancel', plan: 'self-managed', responses: 1, reasons: { other: 1 } },
      { month: '2026-03', kind: 'uninstall', plan: 'unknown', responses: 1, reasons: { privacy: 1, 'too-slow': 1 } },
    ]);
    expect(body.labels.cancel['too-expensive']).toBe('Too expensive');
    expect(body.labels.uninstall.privacy).toBe('Privacy concerns');
  });
});
