import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testResponse } from '../../domain/test-support.ts';
import { makeItem } from '../../store/store-fixtures.ts';
import { ADMIN_TOKEN, buildTestApp, httpTestConfig, type TestApp } from '../test-support.ts';

let t: TestApp;
const now = new Date('2026-03-04T10:00:00Z');

beforeEach(async () => {
  const config = httpTestConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM' },
      { id: 'pm-growth', name: 'Growth PM', slackWebhookUrl: 'https://hooks.slack.example/growth' },
    ],
    feedbackTypes: [
      { id: 'product', label: 'Product' },
      { id: 'case-logic', label: 'Case logic' },
    ],
  });
  t = await buildTestApp({ config, clock: () => now });
  await t.store.items.record(makeItem(1, { source: 'email', text: 'Exports lose their images' }), []);
  await t.store.items.record(makeItem(2, { source: 'case', feedbackType: 'case-logic', text: '=HYPERLINK("https://evil.example")', customer: { region: 'APAC', plan: 'saas' }, details: { caseType: 'Bug' } }), []);
  await t.store.items.record(makeItem(3, { source: 'slack', routing: { status: 'routed', owner: 'pm-growth', reason: 'route:1' }, text: 'Pricing page is confusing' }), []);
  await t.store.responses.record(testResponse({ _id: 'resp-1', receivedAt: new Date('2026-01-06T00:00:00Z'), answers: { score: 3, comment: 'Slow exports' } }), []);
});
afterEach(async () => {
  await t.close();
});

const admin = (url: string, method: 'GET' | 'PATCH' = 'GET', payload?: unknown) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('GET /v1/items', () => {
  it('lists every source newest first, each entry with its source', async () => {
    const res = await admin('/v1/items');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((item: { id: string; source: string }) => [item.id, item.source])).toEqual([
      ['resp-1', 'survey'],
      ['item-3', 'slack'],
      ['item-2', 'case'],
      ['item-1', 'email'],
    ]);
    expect(body.items[0]).toMatchObject({ text: 'Slow exports', survey: { surveyId: 'app-nps', kind: 'nps', score: 3 }, occurredAt: '2026-01-06T00:00:00.000Z' });
    expect(body.items[2]).toMatchObject({ feedbackType: 'case-logic', customer: { region: 'APAC' }, details: { caseType: 'Bug' }, triage: { status: 'new', history: [] } });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by source, feedback type, owner, status, plan, region, text and time; pages by cursor', async () => {
    const ids = async (query: string) => (await admin(`/v1/items?${query}`)).json().items.map((item: { id: string }) => item.id);
    expect(await ids('source=case')).toEqual(['item-2']);
    expect(await ids('feedbackType=case-logic')).toEqual(['item-2']);
    expect(await ids('owner=pm-growth')).toEqual(['item-3']);
    expect(await ids('region=APAC')).toEqual(['item-2']);
    expect(await ids('plan=saas&source=case')).toEqual(['item-2']);
    expect(await ids('q=export')).toEqual(expect.arrayContaining(['item-1']));
    expect(await ids('q=pric')).toEqual(['item-3']);
    expect(await ids('from=2026-01-05T12:00:02Z&to=2026-01-05T12:00:03Z')).toEqual(['item-2']);
    expect(await ids('status=closed')).toEqual([]);

    const first = (await admin('/v1/items?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await admin(`/v1/items?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((item: { id: string }) => item.id)).toEqual(['item-2', 'item-1']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses bad filters naming the field, and requires the token', async () => {
    const bad = await admin('/v1/items?source=fax');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^query\.source: /);
    expect((await admin('/v1/items?cursor=nope')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/v1/items' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/catalog' })).statusCode).toBe(401);
  });
});

describe('GET /v1/items/:id and PATCH /v1/items/:id', () => {
  it('reads an item or an answer; 404 for neither', async () => {
    expect((await admin('/v1/items/item-2')).json()).toMatchObject({ id: 'item-2', source: 'case' });
    expect((await admin('/v1/items/resp-1')).json()).toMatchObject({ id: 'resp-1', source: 'survey' });
    const missing = await admin('/v1/items/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('item "nope"');
  });

  it('triages an item like a response: history kept, a new owner alerted', async () => {
    const res = await admin('/v1/items/item-1', 'PATCH', { status: 'acknowledged', owner: 'pm-growth', tags: ['export'], issueUrl: 'https://tracker.example.com/9' });
    expect(res.statusCode).toBe(200);
    expect(res.json().triage).toEqual({
      status: 'acknowledged',
      owner: 'pm-growth',
      tags: ['export'],
      issueUrl: 'https://tracker.example.com/9',
      history: [
        {
          at: now.toISOString(),
          actor: 'admin',
          changes: {
            status: { from: 'new', to: 'acknowledged' },
            owner: { from: 'pm-editor', to: 'pm-growth' },
            issueUrl: { from: null, to: 'https://tracker.example.com/9' },
            tags: { from: [], to: ['export'] },
          },
        },
      ],
    });
    const alerts = await t.store.alerts.page({ responseId: 'item-1' }, 10);
    expect(alerts.map((alert) => [alert.ownerId, alert.channel])).toEqual([['pm-growth', 'slack']]);
    expect((await admin('/v1/items?owner=pm-growth')).json().items.map((item: { id: string }) => item.id)).toEqual(['item-3', 'item-1']);

    const named = await t.app.inject({ method: 'PATCH', url: '/v1/items/item-1', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-heed-actor': encodeURIComponent('Zoë PM') }, payload: { status: 'actioned' } });
    expect(named.json().triage.history.at(-1)).toMatchObject({ actor: 'Zoë PM', changes: { status: { from: 'acknowledged', to: 'actioned' } } });

    const answer = await admin('/v1/items/resp-1', 'PATCH', { status: 'closed' });
    expect(answer.json()).toMatchObject({ id: 'resp-1', source: 'survey', triage: { status: 'closed' } });
    expect((await admin('/v1/items/item-1', 'PATCH', { owner: 'nobody' })).statusCode).toBe(400);
    expect((await admin('/v1/items/item-1', 'PATCH', {})).statusCode).toBe(400);
    expect((await admin('/v1/items/nope', 'PATCH', { status: 'closed' })).statusCode).toBe(404);
  });
});

describe('erasure', () => {
  it("takes an erased person's answers out of the inbox, items from other sources stay", async () => {
    const erased = await t.app.inject({ method: 'DELETE', url: '/v1/respondents/u_1', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(erased.json()).toMatchObject({ erased: { responses: 1 } });
    expect((await admin('/v1/items')).json().items.map((item: { id: string }) => item.id)).toEqual(['item-3', 'item-2', 'item-1']);
    expect((await admin('/v1/items/resp-1')).statusCode).toBe(404);
  });
});

describe('GET /v1/items.csv', () => {
  it('streams the selection as CSV with formula-safe cells', async () => {
    const res = await admin('/v1/items.csv?source=case');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="heed-feedback-2026-03-04.csv"');
    const [header, row, end] = res.body.split('\r\n');
    expect(header?.split(',').slice(0, 6)).toEqual(['id', 'occurredAt', 'receivedAt', 'source', 'sourceId', 'feedbackType']);
    expect(row).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(end).toBe('');
  });
});

describe('GET /v1/catalog', () => {
  it('names surveys with their reasons, owners by id and name, and feedback types', async () => {
    const body = (await admin('/v1/catalog')).json();
    expect(body.owners).toEqual([
      { id: 'pm-editor', name: 'Editor PM' },
      { id: 'pm-growth', name: 'Growth PM' },
    ]);
    expect(JSON.stringify(body)).not.toContain('hooks.slack.example');
    expect(body.feedbackTypes).toEqual([
      { id: 'product', label: 'Product' },
      { id: 'case-logic', label: 'Case logic' },
    ]);
    expect(body.surveys).toContainEqual({ id: 'portal-cancel', project: 'pk_test', kind: 'cancel', productArea: 'billing', reasons: expect.arrayContaining([{ id: 'too-expensive', label: 'Too expensive' }]) });
    expect(body.sources).toContain('case');
  });
});

describe('/openapi.json', () => {
  it('documents the inbox routes with their errors', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const statuses = (path: string, method: string) => Object.keys(spec.paths[path][method].responses).sort();
    expect(statuses('/v1/items', 'get')).toEqual(['200', '400', '401', '404', '500', '503']);
    expect(statuses('/v1/items/{id}', 'patch')).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409', '413', '415']));
    expect(statuses('/v1/items.csv', 'get')).toContain('401');
    expect(statuses('/v1/catalog', 'get')).toContain('401');
    const names = spec.paths['/v1/items'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['source', 'feedbackType', 'owner', 'status', 'plan', 'region', 'q', 'from', 'to', 'cursor', 'limit']));
  });
});

