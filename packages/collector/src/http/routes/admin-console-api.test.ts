/**
 * The admin API the console reads beyond lists and reports: alerts of one response, search in comments
 * (list and CSV), uninstall reasons by extension version, and the triage actor named by `X-Heed-Actor`;
 * each documented in /openapi.json.
 */
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

const admin = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers } });

async function answer(overrides: Record<string, unknown>): Promise<string> {
  now = new Date(now.getTime() + 60_000);
  const res = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission(overrides) });
  expect(res.statusCode).toBe(202);
  return res.json().id;
}

const uninstall = (version: string | undefined, reasons: string[], comment?: string) =>
  answer({ surveyId: 'extension-exit', answers: { reasons, ...(comment && { comment }) }, context: version === undefined ? {} : { extensionVersion: version } });

describe('GET /v1/alerts?responseId=', () => {
  it('answers only the alerts of that response', async () => {
    const other = testResponse({ _id: 'other-response', submissionId: crypto.randomUUID() });
    await t.store.responses.record(testResponse(), [testAlert({ _id: 'a-1' }), testAlert({ _id: 'a-2', channel: 'slack' })]);
    await t.store.responses.record(other, [testAlert({ _id: 'b-1', responseId: 'other-response' })]);
    const res = await admin(`/v1/alerts?responseId=${testResponse()._id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((a: { id: string }) => a.id).sort()).toEqual(['a-1', 'a-2']);
    expect((await admin('/v1/alerts?responseId=other-response')).json().items).toMatchObject([{ id: 'b-1' }]);
    expect((await admin('/v1/alerts?responseId=nobody')).json()).toEqual({ items: [], nextCursor: null });
    const tooLong = await admin(`/v1/alerts?responseId=${'x'.repeat(201)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('query.responseId');
  });
});

describe('q: search in comments', () => {
  it('filters the list and the CSV by every word, case- and accent-insensitive, the last as a prefix', async () => {
    const slow = await answer({ answers: { score: 3, comment: 'The editor is SLOW when exporting' } });
    const cafe = await answer({ answers: { score: 8, comment: 'Café mode is lovely' } });
    await answer({ answers: { score: 9, comment: 'Fast enough' } });
    await answer({ answers: { score: 10 } });

    const ids = async (q: string) => (await admin(`/v1/responses?q=${encodeURIComponent(q)}`)).json().items.map((r: { id: string }) => r.id);
    expect(await ids('slow export')).toEqual([slow]);
    expect(await ids('cafe')).toEqual([cafe]);
    expect(await ids('editor fast')).toEqual([]);
    expect(await ids('  ')).toHaveLength(4); // blank: no search
    const csv = await admin('/v1/responses.csv?q=slow');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[0])).toEqual([slow]);
    expect((await admin(`/v1/responses?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
  });
});

describe('GET /v1/reports/uninstall-versions', () => {
  it('counts answers per extension version x reason, newest version first, with labels', async () => {
    await uninstall('1.9.2', ['too-slow']);
    await uninstall('1.10.0', ['too-slow', 'privacy']);
    await uninstall('1.10.0', ['not-useful']);
    await uninstall('2.0.0', [], 'it broke');
    await uninstall(undefined, ['privacy']);
    await answer({ surveyId: 'portal-cancel', answers: { reason: 'too-expensive' } }); // not an uninstall

    const res = await admin('/v1/reports/uninstall-versions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      from: '2025-09-04',
      to: '2026-03-05',
      versions: [
        { version: '2.0.0', responses: 1, reasons: {} },
        { version: '1.10.0', responses: 2, reasons: { 'too-slow': 1, privacy: 1, 'not-useful': 1 } },
        { version: '1.9.2', responses: 1, reasons: { 'too-slow': 1 } },
        { version: null, responses: 1, reasons: { privacy: 1 } },
      ],
      labels: { 'not-useful': 'Not useful', 'too-slow': 'Too slow', privacy: 'Privacy concerns' },
      scanned: 5,
      complete: true,
    });
  });

  it('reads only the range and the survey asked, and refuses a reversed range', async () => {
    await uninstall('1.0.0', ['too-slow']);
    now = new Date('2026-03-10T10:00:00Z');
    await uninstall('1.1.0', ['privacy']);
    const march = await admin('/v1/reports/uninstall-versions?from=2026-03-05&to=2026-03-11&survey=extension-exit');
    expect(march.json().versions).toEqual([{ version: '1.1.0', responses: 1, reasons: { privacy: 1 } }]);
    expect((await admin('/v1/reports/uninstall-versions?survey=portal-cancel')).json()).toMatchObject({ versions: [], labels: {} });
    const reversed = await admin('/v1/reports/uninstall-versions?from=2026-03-10&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect((await admin('/v1/reports/uninstall-versions?from=March')).statusCode).toBe(400);
    expect((await admin('/v1/reports/uninstall-versions?interval=week')).statusCode).toBe(400);
  });
});

describe('X-Heed-Actor', () => {
  const patch = (id: string, headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/v1/responses/${id}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...headers }, payload });

  it('records the named person in the history; "admin" without one', async () => {
    const id = await answer({ answers: { score: 2, comment: 'broken' } });
    expect((await patch(id, {}, { status: 'acknowledged' })).statusCode).toBe(200);
    const named = await patch(id, { 'x-heed-actor': encodeURIComponent('  Zoë Q. ') }, { tags: ['bug'] });
    expect(named.statusCode).toBe(200);
    expect(named.json().triage.history.map((h: { actor: string }) => h.actor)).toEqual(['admin', 'Zoë Q.']);
  });

  it('refuses a name that is blank, too long, not percent-encoded or holds control characters, and changes nothing', async () => {
    const id = await answer({ answers: { score: 2, comment: 'broken' } });
    for (const actor of ['   ', 'x'.repeat(81), '%E0%A4%A', encodeURIComponent('a\u0007b'), encodeURIComponent('a\u202eb')]) {
      const res = await patch(id, { 'x-heed-actor': actor }, { status: 'closed' });
      expect(res.statusCode, actor).toBe(400);
      expect(res.json()).toMatchObject({ code: 'HEED_ERR_VALIDATION', message: expect.stringContaining('x-heed-actor') });
    }
    expect((await admin(`/v1/responses/${id}`)).json().triage).toMatchObject({ status: 'new', history: [] });
  });

  it('names nobody without the token: the token still authorises', async () => {
    const id = await answer({ answers: { score: 2, comment: 'broken' } });
    const res = await t.app.inject({ method: 'PATCH', url: `/v1/responses/${id}`, headers: { 'x-heed-actor': 'Mallory' }, payload: { status: 'closed' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('/openapi.json', () => {
  it('documents the new parameters and the report', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const names = (path: string, method: string) => (spec.paths[path][method].parameters as { name: string; in: string }[]).map((p) => `${p.in}:${p.name}`);
    expect(names('/v1/alerts', 'get')).toContain('query:responseId');
    expect(names('/v1/responses', 'get')).toContain('query:q');
    expect(names('/v1/responses.csv', 'get')).toContain('query:q');
    expect(names('/v1/responses/{id}', 'patch')).toContain('header:x-heed-actor');
    const report = spec.paths['/v1/reports/uninstall-versions'].get;
    expect(report.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'survey', 'to']);
    expect(Object.keys(report.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '503']));
  });
});
