import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { ADMIN_TOKEN, buildTestApp, httpTestConfig, submission, type TestApp } from '../test-support.ts';
import { buildApp } from '../app.ts';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-03-04T10:00:00Z');
  t = await buildTestApp({ clock: () => now, settingsPollMs: false });
});
afterEach(async () => {
  await t.close();
});

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const put = (app: FastifyInstance, id: string, payload: object, actor?: string) =>
  app.inject({ method: 'PUT', url: `/v1/surveys/${id}/settings`, headers: { ...auth, ...(actor && { 'x-heed-actor': encodeURIComponent(actor) }) }, payload });
const list = async (app: FastifyInstance) => (await app.inject({ url: '/v1/surveys', headers: auth })).json();
const publicList = (app: FastifyInstance, headers: Record<string, string> = {}) => app.inject({ url: '/v1/projects/pk_test/surveys', headers });

describe('survey settings', () => {
  it('lists every survey of the file with its effective definition and its source', async () => {
    const body = await list(t.app);
    expect(body.version).toBe(0);
    expect(body.tunable).toContain('question');
    expect(body.surveys.map((s: { id: string }) => s.id)).toEqual(['app-nps', 'paused-nps', 'portal-cancel', 'extension-exit']);
    expect(body.surveys[0]).toMatchObject({ id: 'app-nps', kind: 'nps', source: 'file', settings: {}, survey: { id: 'app-nps', active: true } });
  });

  it('refuses a change based on a version another change has replaced (412, naming who), and a malformed If-Match (400)', async () => {
    const save = (payload: object, actor: string, ifMatch?: string) =>
      t.app.inject({ method: 'PUT', url: '/v1/surveys/app-nps/settings', headers: { ...auth, 'x-heed-actor': actor, ...(ifMatch && { 'if-match': ifMatch }) }, payload });
    expect((await save({ delayMs: 1000 }, 'Ana', '"0"')).json().change).toMatchObject({ version: 1, actor: 'Ana' });
    // Bo opened the form before Ana saved: his edit started from no change at all.
    const stale = await save({ delayMs: 5000 }, 'Bo', '"0"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      code: 'HEED_ERR_CHANGED_MEANWHILE',
      message: `survey "app-nps" was changed since version 0 (now version 1, by Ana at ${now.toISOString()}); reload it and make your change again`,
    });
    expect((await list(t.app)).surveys[0]).toMatchObject({ settings: { delayMs: 1000 }, change: { version: 1 } });
    expect((await save({ delayMs: 5000 }, 'Bo', '"1"')).json().change).toMatchObject({ version: 2, actor: 'Bo' });
    expect((await save({ delayMs: 6000 }, 'Cy', '*')).json().change).toMatchObject({ version: 3 });
    const malformed = await save({ delayMs: 7000 }, 'Cy', 'W/"3"');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toContain('headers.if-match');
  });

  it('applies a change at once: the public list (new ETag), ingest, and the listing, with time and actor kept', async () => {
    const before = await publicList(t.app);
    const res = await put(t.app, 'app-nps', { question: 'Would you recommend the editor?', followUp: { detractor: 'What let you down?' } }, 'Ana Lima');
    expect(res.statusCode).toBe(200);
    expect(res.json().change).toEqual({ version: 1, at: now.toISOString(), actor: 'Ana Lima', settings: expect.any(Object) });

    const after = await publicList(t.app, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const nps = after.json().surveys.find((s: { id: string }) => s.id === 'app-nps');
    expect(nps).toMatchObject({ question: 'Would you recommend the editor?', followUp: { detractor: 'What let you down?' }, kind: 'nps' });

    const listed = (await list(t.app)).surveys[0];
    expect(listed).toMatchObject({ source: 'console', file: { id: 'app-nps' }, change: { version: 1, actor: 'Ana Lima' } });
    expect(listed.file.question).toBeUndefined();
  });

  it('turns a survey off: it leaves the public list and refuses answers; back on again', async () => {
    expect((await put(t.app, 'app-nps', { active: false }, 'pm')).statusCode).toBe(200);
    expect((await publicList(t.app)).json().surveys.map((s: { id: string }) => s.id)).not.toContain('app-nps');
    const refused = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission() });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'HEED_ERR_SURVEY_INACTIVE' });

    await put(t.app, 'app-nps', {}, 'pm'); // every field back to the file's value
    expect((await publicList(t.app)).json().surveys.map((s: { id: string }) => s.id)).toContain('app-nps');
    expect((await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission() })).statusCode).toBe(202);
  });

  it('validates answers against edited reasons', async () => {
    await put(t.app, 'portal-cancel', { reasons: [{ id: 'switched', label: 'Switched to another tool' }] });
    const answer = (reason: string) =>
      t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission({ surveyId: 'portal-cancel', answers: { reason } }) });
    expect((await answer('switched')).statusCode).toBe(202);
    expect((await answer('too-expensive')).statusCode).toBe(400);
  });

  it('refuses settings that do not make a valid survey of its kind, naming the field, and stores nothing', async () => {
    const npsReasons = await put(t.app, 'app-nps', { reasons: [{ id: 'x', label: 'X' }] });
    expect(npsReasons.statusCode).toBe(400);
    expect(npsReasons.json()).toMatchObject({ code: 'HEED_ERR_VALIDATION', message: expect.stringContaining('reasons') });
    const csatStyle = await put(t.app, 'app-nps', { followUp: 'Tell us more' });
    expect(csatStyle.statusCode).toBe(400);
    expect((await put(t.app, 'app-nps', { sampleRate: 2 })).statusCode).toBe(400);
    expect((await put(t.app, 'app-nps', { project: 'pk_other' })).statusCode).toBe(400);
    expect((await put(t.app, 'nope', { active: false })).statusCode).toBe(404);
    expect((await list(t.app)).version).toBe(0);
  });

  it('keeps every change with its time and actor, newest first', async () => {
    await put(t.app, 'app-nps', { delayMs: 1000 }, 'Ana');
    now = new Date('2026-03-05T09:00:00Z');
    await put(t.app, 'app-nps', { delayMs: 2000, events: ['exported'] });
    await put(t.app, 'portal-cancel', { active: false }, 'Bo');
    const res = await t.app.inject({ url: '/v1/surveys/app-nps/history', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { version: 2, at: '2026-03-05T09:00:00.000Z', actor: 'admin', settings: { delayMs: 2000, events: ['exported'] } },
      { version: 1, at: '2026-03-04T10:00:00.000Z', actor: 'Ana', settings: { delayMs: 1000 } },
    ]);
    expect((await t.app.inject({ url: '/v1/surveys/nope/history', headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/v1/surveys' })).statusCode).toBe(401);
  });
});

describe('two collectors on one store', () => {
  it('a change made on one is served by the other after its poll', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'heed-settings-'));
    const store = await openSqliteStore({ dataDir });
    const config = httpTestConfig();
    const common = { config, store, outbox: false, digest: false, followThrough: false, adminToken: ADMIN_TOKEN } as const;
    const one = await buildApp({ ...common, settingsPollMs: false });
    const two = await buildApp({ ...common, settingsPollMs: 50 });
    try {
      const question = (app: FastifyInstance) => publicList(app).then((res) => res.json().surveys.find((s: { id: string }) => s.id === 'app-nps')?.question);
      expect(await question(two)).toBeUndefined();
      expect((await put(one, 'app-nps', { question: 'Asked on one, shown by two?' }, 'Ana')).statusCode).toBe(200);
      await expect.poll(() => question(two), { timeout: 2000, interval: 25 }).toBe('Asked on one, shown by two?');
      expect((await list(two)).surveys[0]).toMatchObject({ source: 'console', change: { actor: 'Ana' } });

      await put(one, 'app-nps', { active: false });
      await expect
        .poll(async () => (await two.inject({ method: 'POST', url: '/v1/responses', payload: submission() })).statusCode, { timeout: 2000, interval: 25 })
        .toBe(409);
    } finally {
      await one.close();
      await two.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
