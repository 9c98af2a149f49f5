/**
 * The two HTTP faces of the public ingest API, the Fastify app and the Hono fetch handler, answer one table
 * of requests alike: same status, same body (ids aside), same CORS decision. Both over real HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { HeedConfigSchema } from '@heed/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, openSqliteStore, type Store } from '@heed/collector';
import { createFetchHandler } from '@heed/collector/fetch';

const ORIGIN = 'https://app.example.com';
const config = HeedConfigSchema.parse({
  projects: [
    { key: 'pk_test', name: 'Test', allowedOrigins: [ORIGIN] },
    { key: 'pk_other', name: 'Other', allowedOrigins: ['https://other.example.com'] },
  ],
  surveys: [
    { id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' },
    { id: 'paused', project: 'pk_test', kind: 'nps', productArea: 'editor', active: false },
  ],
});
const clock = () => new Date('2026-03-04T10:00:00Z');

interface Face {
  url: string;
  close(): Promise<void>;
}

async function tempStore(): Promise<{ store: Store; remove(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'heed-faces-'));
  const store = await openSqliteStore({ dataDir });
  return {
    store,
    async remove() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function fastifyFace(): Promise<Face> {
  const { store, remove } = await tempStore();
  const app = await buildApp({ config, store, clock, outbox: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    async close() {
      await app.close();
      await remove();
    },
  };
}

async function honoFace(): Promise<Face> {
  const { store, remove } = await tempStore();
  const handler = createFetchHandler({ config, store, clock });
  const server = await new Promise<ServerType>((ready) => {
    const listening: ServerType = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, () => ready(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
      await remove();
    },
  };
}

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the face's own URL as Origin (a page served by the collector). */
  ownOrigin?: boolean;
  expectStatus: number;
  expectCode?: string;
}

const answer = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ submissionId: '6b3f2c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e', projectKey: 'pk_test', surveyId: 'app-nps', answers: { score: 9 }, ...overrides });
const json = { 'content-type': 'application/json' };

/** In order: the duplicate depends on the first answer. */
const CASES: Case[] = [
  { name: 'survey list', path: '/v1/projects/pk_test/surveys', headers: { origin: ORIGIN }, expectStatus: 200 },
  { name: 'survey list of an unknown project', path: '/v1/projects/pk_nope/surveys', expectStatus: 404, expectCode: 'HEED_ERR_UNKNOWN_PROJECT' },
  { name: 'survey list with a malformed key', path: '/v1/projects/nope/surveys', expectStatus: 400, expectCode: 'HEED_ERR_VALIDATION' },
  { name: 'survey list with a too long user id', path: `/v1/projects/pk_test/surveys?userId=${'u'.repeat(201)}`, expectStatus: 400, expectCode: 'HEED_ERR_VALIDATION' },
  { name: 'survey list for a person', path: '/v1/projects/pk_test/surveys?userId=u_1', expectStatus: 200 },
  { name: 'valid answer', method: 'POST', path: '/v1/responses', headers: { ...json, origin: ORIGIN }, body: answer(), expectStatus: 202 },
  { name: 'duplicate answer', method: 'POST', path: '/v1/responses', headers: json, body: answer(), expectStatus: 200 },
  { name: 'malformed JSON', method: 'POST', path: '/v1/responses', headers: json, body: '{"submissionId":', expectStatus: 400, expectCode: 'HEED_ERR_VALIDATION' },
  { name: 'empty body', method: 'POST', path: '/v1/responses', headers: json, body: '', expectStatus: 400, expectCode: 'HEED_ERR_VALIDATION' },
  {
    name: 'missing and invalid fields',
    method: 'POST',
    path: '/v1/responses',
    headers: json,
    body: JSON.stringify({ submissionId: 'not-a-uuid', projectKey: 'pk_test', answers: { score: 11 } }),
    expectStatus: 400,
    expectCode: 'HEED_ERR_VALIDATION',
  },
  { name: 'unknown project', method: 'POST', path: '/v1/responses', headers: json, body: answer({ submissionId: 'a4d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d', projectKey: 'pk_nope' }), expectStatus: 404, expectCode: 'HEED_ERR_UNKNOWN_PROJECT' },
  { name: 'unknown survey', method: 'POST', path: '/v1/responses', headers: json, body: answer({ submissionId: 'b4d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d', surveyId: 'nope' }), expectStatus: 404, expectCode: 'HEED_ERR_UNKNOWN_SURVEY' },
  { name: 'inactive survey', method: 'POST', path: '/v1/responses', headers: json, body: answer({ submissionId: 'c4d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d', surveyId: 'paused' }), expectStatus: 409, expectCode: 'HEED_ERR_SURVEY_INACTIVE' },
  { name: 'disallowed origin', method: 'POST', path: '/v1/responses', headers: { ...json, origin: 'https://evil.example.com' }, body: answer({ submissionId: 'd4d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d' }), expectStatus: 403, expectCode: 'HEED_ERR_ORIGIN' },
  { name: "another project's origin", method: 'POST', path: '/v1/responses', headers: { ...json, origin: 'https://other.example.com' }, body: answer({ submissionId: 'e4d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d' }), expectStatus: 403, expectCode: 'HEED_ERR_ORIGIN' },
  { name: "the collector's own page", method: 'POST', path: '/v1/responses', headers: json, ownOrigin: true, body: answer({ submissionId: '14d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d' }), expectStatus: 202 },
  { name: 'text/plain beacon', method: 'POST', path: '/v1/responses', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: answer({ submissionId: 'f4d1c2b3-0e9f-4a8b-9c7d-6e5f4a3b2c1d' }), expectStatus: 202 },
  { name: 'form body', method: 'POST', path: '/v1/responses', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1', expectStatus: 415, expectCode: 'HEED_ERR_MEDIA_TYPE' },
  { name: 'oversized body', method: 'POST', path: '/v1/responses', headers: json, body: answer({ answers: { comment: 'x'.repeat(70_000) } }), expectStatus: 413, expectCode: 'HEED_ERR_BODY_TOO_LARGE' },
  { name: 'display', method: 'POST', path: '/v1/displays', headers: json, body: JSON.stringify({ displayId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', projectKey: 'pk_test', surveyId: 'app-nps', event: 'shown', respondent: { userId: 'u_1' } }), expectStatus: 202 },
  { name: 'duplicate display', method: 'POST', path: '/v1/displays', headers: json, body: JSON.stringify({ displayId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', projectKey: 'pk_test', surveyId: 'app-nps', event: 'shown', respondent: { userId: 'u_1' } }), expectStatus: 200 },
  { name: 'survey list after a display', path: '/v1/projects/pk_test/surveys?userId=u_1', expectStatus: 200 },
  { name: 'allowed preflight', method: 'OPTIONS', path: '/v1/responses', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }, expectStatus: 204 },
  { name: 'disallowed preflight', method: 'OPTIONS', path: '/v1/responses', headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' }, expectStatus: 404, expectCode: 'HEED_ERR_NOT_FOUND' },
  { name: 'unknown route', path: '/v1/nothing', expectStatus: 404, expectCode: 'HEED_ERR_NOT_FOUND' },
];

interface Answer {
  status: number;
  allowOrigin: string | null;
  etag: string | null;
  body: unknown;
}

async function send(face: Face, c: Case): Promise<Answer> {
  const headers = c.ownOrigin ? { ...c.headers, origin: face.url } : c.headers;
  const res = await fetch(face.url + c.path, { method: c.method ?? 'GET', headers, body: c.body });
  const text = await res.text();
  return {
    status: res.status,
    allowOrigin: res.headers.get('access-control-allow-origin'),
    etag: res.headers.get('etag'),
    // Generated ids differ between the two stores; everything else must not.
    body: text === '' ? '' : JSON.parse(text, (key, value) => (key === 'id' && typeof value === 'string' ? '<id>' : value)),
  };
}

describe('the Fastify app and the fetch handler answer alike', () => {
  let faces: { fastify: Face; hono: Face };
  const answers: { fastify: Answer[]; hono: Answer[] } = { fastify: [], hono: [] };

  beforeAll(async () => {
    faces = { fastify: await fastifyFace(), hono: await honoFace() };
    for (const c of CASES) {
      answers.fastify.push(await send(faces.fastify, c));
      answers.hono.push(await send(faces.hono, c));
    }
  });
  afterAll(async () => {
    await faces?.fastify.close();
    await faces?.hono.close();
  });

  it.each(CASES.map((c, index) => [c.name, c, index] as const))('%s', (_name, c, index) => {
    const fastify = answers.fastify[index]!;
    const hono = answers.hono[index]!;
    expect(fastify.status).toBe(c.expectStatus);
    expect(hono).toEqual(fastify);
    if (c.expectCode) expect(fastify.body).toMatchObject({ statusCode: c.expectStatus, code: c.expectCode, error: expect.any(String), message: expect.any(String) });
  });

  it('grants CORS only to the allowed origin', () => {
    const byName = (name: string) => answers.fastify[CASES.findIndex((c) => c.name === name)]!;
    expect(byName('survey list').allowOrigin).toBe(ORIGIN);
    expect(byName('valid answer').allowOrigin).toBe(ORIGIN);
    expect(byName('allowed preflight').allowOrigin).toBe(ORIGIN);
    expect(byName('disallowed origin').allowOrigin).toBeNull();
    expect(byName('disallowed preflight').allowOrigin).toBeNull();
  });

  it('revalidates the survey list with its ETag on both faces', async () => {
    for (const face of [faces.fastify, faces.hono]) {
      const first = await fetch(`${face.url}/v1/projects/pk_test/surveys`);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"/);
      expect(first.headers.get('cache-control')).toBe('private, max-age=60');
      const again = await fetch(`${face.url}/v1/projects/pk_test/surveys`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
    }
  });
});

describe('the fetch handler and settings changed in the console', () => {
  it('serves a survey edited by another collector once its poll interval has passed, and answers against it', async () => {
    const { store, remove } = await tempStore();
    const handler = createFetchHandler({ config, store, clock, settingsPollMs: 0 });
    const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const questionOf = async () =>
        ((await (await fetch(`${url}/v1/projects/pk_test/surveys`)).json()) as { surveys: { id: string; question?: string }[] }).surveys.find(
          (survey) => survey.id === 'app-nps',
        )?.question;
      const before = await questionOf();
      await store.settings.save({ subject: 'app-nps', at: clock(), actor: 'Ana', settings: { question: 'Would you recommend the editor?' } });
      expect(before).not.toBe('Would you recommend the editor?');
      expect(await questionOf()).toBe('Would you recommend the editor?');
      // Turned off elsewhere: no longer offered.
      await store.settings.save({ subject: 'app-nps', at: clock(), actor: 'Ana', settings: { active: false } });
      expect(await questionOf()).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await remove();
    }
  });
});
