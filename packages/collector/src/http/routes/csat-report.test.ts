import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, httpTestConfig, submission, type TestApp } from '../test-support.ts';

let t: TestApp;
let now: Date;
const config = httpTestConfig({
  surveys: [
    { id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' },
    { id: 'export-csat', project: 'pk_test', kind: 'csat', productArea: 'export', question: 'How satisfied are you with exporting?' },
  ],
});
beforeEach(async () => {
  now = new Date('2026-03-18T12:00:00Z');
  t = await buildTestApp({ clock: () => now, config });
});
afterEach(async () => {
  await t.close();
});

const admin = (url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

async function answer(at: string, overrides: Record<string, unknown>) {
  now = new Date(at);
  return t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission({ surveyId: 'export-csat', ...overrides }) });
}

describe('GET /v1/reports/csat', () => {
  it('answers the share of 4-5 per period with its interval, for the filters', async () => {
    for (const [at, score, plan] of [
      ['2026-03-02T10:00:00Z', 5, 'saas'],
      ['2026-03-03T10:00:00Z', 2, 'self-managed'],
      ['2026-03-10T10:00:00Z', 4, 'saas'],
    ] as const) {
      expect((await answer(at, { answers: { score }, context: { plan } })).statusCode).toBe(202);
    }
    now = new Date('2026-03-18T12:00:00Z');

    const res = await admin('/v1/reports/csat?interval=week&from=2026-03-02&to=2026-03-16');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ interval: 'week', from: '2026-03-02', to: '2026-03-16', scores: [0, 1, 0, 1, 1] });
    expect(body.points).toMatchObject([
      { period: '2026-03-02', responses: 2, satisfied: 1, csat: 0.5, interval: { method: 'wilson', level: 0.95 } },
      { period: '2026-03-09', responses: 1, satisfied: 1, csat: 1, interval: { high: 1 } },
    ]);
    expect(body.total).toMatchObject({ responses: 3, satisfied: 2 });
    expect(body.total.csat).toBeCloseTo(2 / 3);
    expect(body.total.interval.low).toBeCloseTo(0.2077, 3);
    expect(body.total.interval.high).toBeCloseTo(0.9385, 3);

    const saas = await admin('/v1/reports/csat?plan=saas&interval=month&survey=export-csat&productArea=export');
    expect(saas.json().total).toMatchObject({ responses: 2, satisfied: 2, csat: 1 });
  });

  it('refuses CSAT answers outside 1-5 with the field named, storing nothing', async () => {
    const zero = await answer('2026-03-02T10:00:00Z', { answers: { score: 0 } });
    expect(zero.statusCode).toBe(400);
    expect(zero.json()).toMatchObject({ code: 'HEED_ERR_ANSWERS', message: expect.stringContaining('answers.score') });
    const none = await answer('2026-03-02T10:00:00Z', { answers: { comment: 'no score' } });
    expect(none.statusCode).toBe(400);
    now = new Date('2026-03-18T12:00:00Z');
    expect((await admin('/v1/reports/csat')).json().total.responses).toBe(0);
  });

  it('refuses bad queries with 400 naming the field, and callers without the token', async () => {
    expect((await admin('/v1/reports/csat?interval=year')).json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('interval') });
    expect((await admin('/v1/reports/csat?from=2026-03-10&to=2026-03-01')).statusCode).toBe(400);
    expect((await admin('/v1/reports/csat?colour=red')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/v1/reports/csat' })).statusCode).toBe(401);
  });

  it('lists CSAT answers under kind=csat in the admin API', async () => {
    expect((await answer('2026-03-02T10:00:00Z', { answers: { score: 1, comment: 'Lost my export' } })).statusCode).toBe(202);
    const res = await admin('/v1/responses?kind=csat');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toMatchObject([{ kind: 'csat', answers: { score: 1, comment: 'Lost my export' }, routing: { status: 'routed' } }]);
  });

  it('is documented in /openapi.json like the other reports', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const operation = spec.paths['/v1/reports/csat'].get;
    expect(operation.security).toEqual([{ adminToken: [] }]);
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'interval', 'plan', 'productArea', 'survey', 'to']);
    expect(Object.keys(operation.responses).sort()).toEqual(Object.keys(spec.paths['/v1/reports/nps'].get.responses).sort());
  });
});
