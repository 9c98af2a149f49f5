import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesByStatus } from '../errors.ts';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from './test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Operation {
  security?: unknown;
  responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, { enum?: unknown[] }> } }> }>;
}

describe('/openapi.json error answers', () => {
  it('documents the error body of every status each route can answer, with the codes of that status', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const byStatus = codesByStatus();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(10);
    for (const { path, method, op } of operations) {
      const statuses = Object.keys(op.responses);
      const expected = ['400', '404', '500'];
      if (path.startsWith('/v1/')) expected.push('503');
      if (op.security) expected.push('401');
      if (method === 'post' || method === 'patch' || method === 'delete') expected.push('413', '415');
      if (path === '/v1/responses' && method === 'post') expected.push('403', '409');
      expect({ path, method, statuses }).toEqual({ path, method, statuses: expect.arrayContaining(expected) });
      expect(statuses.some((status) => status.startsWith('2')), `${method} ${path} documents a success`).toBe(true);
      for (const status of statuses.filter((code) => Number(code) >= 400)) {
        const schema = op.responses[status]!.content!['application/json']!.schema;
        expect(Object.keys(schema.properties!)).toEqual(['statusCode', 'code', 'error', 'message']);
        expect(schema.properties!.code!.enum).toEqual(byStatus.get(Number(status)));
      }
    }
  });
});

describe('a method a path does not have', () => {
  it('answers 405 with Allow, for public, admin and static paths alike', async () => {
    for (const [method, url, allow] of [
      ['PUT', '/v1/responses', 'GET, HEAD, POST'],
      ['GET', '/v1/displays', 'POST'],
      ['DELETE', '/healthz', 'GET, HEAD'],
      ['POST', '/widget/heed.js', 'GET, HEAD'],
      ['PUT', '/v1/responses/r_1', 'GET, HEAD, PATCH'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect({ url, method, status: res.statusCode, allow: res.headers.allow }).toEqual({ url, method, status: 405, allow });
      expect(res.json()).toMatchObject({ statusCode: 405, code: 'HEED_ERR_METHOD_NOT_ALLOWED' });
    }
  });

  it('still answers 404 for a path no route has', async () => {
    const res = await t.app.inject({ method: 'PUT', url: '/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('HEED_ERR_NOT_FOUND');
  });
});
