import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('health', () => {
  it('is live and ready while the store answers', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok' });
  });

  it('is not ready, and ingest answers 503, once the store is gone', async () => {
    await t.store.close();
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      statusCode: 503,
      code: 'HEED_ERR_STORE_UNAVAILABLE',
      error: 'Service Unavailable',
      message: 'the response store is unavailable',
    });
    const ingest = await t.app.inject({
      method: 'POST',
      url: '/v1/responses',
      payload: { submissionId: crypto.randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', answers: { score: 5 } },
    });
    expect(ingest.statusCode).toBe(503);
    expect(ingest.body).not.toContain('closed');
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('errors', () => {
  it('answers unknown routes with 404 in the error shape', async () => {
    const res = await t.app.inject({ url: '/v1/nothing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ statusCode: 404, code: 'HEED_ERR_NOT_FOUND', error: 'Not Found', message: 'GET /v1/nothing not found' });
  });

  it('never sends the details of an internal error', async () => {
    t.app.get('/boom', async () => {
      throw new Error('connection string mongodb://user:secret@db');
    });
    const res = await t.app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, code: 'HEED_ERR_INTERNAL', error: 'Internal Server Error', message: 'internal error' });
  });
});

describe('GET /openapi.json', () => {
  it('documents the API from the route schemas', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/projects/{key}/surveys', '/v1/responses', '/v1/displays', '/v1/responses.csv', '/v1/alerts', '/healthz']),
    );
    const body = doc.paths['/v1/responses'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['submissionId', 'projectKey', 'surveyId', 'answers']));
    expect(doc.paths['/s/{surveyId}']).toBeUndefined();
    expect(doc.paths['/v1/alerts'].get.security).toEqual([{ adminToken: [] }]);
    expect(doc.paths['/v1/responses'].post.security).toBeUndefined();
  });
});
