import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ORIGIN, buildTestApp, httpTestConfig, submission, type TestApp } from '../test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });

describe('GET /v1/projects/:key/surveys', () => {
  it('lists the active surveys of the project, cacheable, with a strong ETag', async () => {
    const res = await t.app.inject({ url: '/v1/projects/pk_test/surveys' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=60');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const body = res.json();
    expect(body.project).toEqual({ key: 'pk_test', cooldownDays: 30 });
    expect(body.surveys.map((s: { id: string }) => s.id)).toEqual(['app-nps', 'portal-cancel', 'extension-exit']);
    expect(body.seen).toBeUndefined();

    const again = await t.app.inject({ url: '/v1/projects/pk_test/surveys', headers: { 'if-none-match': res.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(res.headers.etag);
  });

  it('says when a person was last shown a survey, across devices', async () => {
    const shown = await post('/v1/displays', { displayId: crypto.randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', event: 'shown', respondent: { userId: 'u_1' } });
    expect(shown.statusCode).toBe(202);
    const res = await t.app.inject({ url: '/v1/projects/pk_test/surveys?userId=u_1' });
    const { seen } = res.json();
    expect(Object.keys(seen.lastShownAt)).toEqual(['app-nps']);
    expect(seen.lastAnyShownAt).toBe(seen.lastShownAt['app-nps']);
    const stranger = await t.app.inject({ url: '/v1/projects/pk_test/surveys?anonymousId=someone-else' });
    expect(stranger.json().seen).toEqual({ lastShownAt: {}, lastAnyShownAt: null });
    expect(stranger.headers.etag).not.toBe(res.headers.etag);
  });

  it('answers 404 for an unknown project and 400 for a malformed key', async () => {
    const unknown = await t.app.inject({ url: '/v1/projects/pk_nope/surveys' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ statusCode: 404, code: 'HEED_ERR_UNKNOWN_PROJECT', error: 'Not Found', message: 'unknown project key "pk_nope"' });
    const malformed = await t.app.inject({ url: '/v1/projects/nope/surveys' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/^params\.key: must look like "pk_"/);
  });
});

describe('POST /v1/responses', () => {
  it('stores an answer once: 202 first, 200 duplicate for the same submissionId', async () => {
    const body = submission({ answers: { score: 3, comment: 'slow' } });
    const first = await post('/v1/responses', body);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ id: expect.any(String), duplicate: false });
    const second = await post('/v1/responses', body);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ id: first.json().id, duplicate: true });
    expect(await t.store.responses.count({})).toBe(1);
  });

  it('has counted an answer by the time it is acknowledged', async () => {
    const res = await post('/v1/responses', submission({ answers: { score: 2, comment: 'slow' } }));
    expect(res.statusCode).toBe(202);
    const day = new Date().toISOString().slice(0, 10);
    expect(await t.store.reports.days({ from: day, to: '9999-12-31' })).toMatchObject([{ responses: 1, detractors: 1, comments: 1 }]);
  });

  it('accepts a text/plain beacon holding JSON', async () => {
    const res = await post('/v1/responses', submission(), { 'content-type': 'text/plain;charset=UTF-8' });
    expect(res.statusCode).toBe(202);
    expect(await t.store.responses.count({})).toBe(1);
  });

  it('rejects malformed JSON, an empty body and other media types with a 4xx in the error shape', async () => {
    const malformed = await post('/v1/responses', '{"submissionId": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual({ statusCode: 400, code: 'HEED_ERR_VALIDATION', error: 'Bad Request', message: 'body: not valid JSON' });
    const beacon = await post('/v1/responses', 'not json', { 'content-type': 'text/plain' });
    expect(beacon.json().message).toBe('body: not valid JSON');
    const empty = await post('/v1/responses', '');
    expect(empty.json()).toMatchObject({ statusCode: 400, code: 'HEED_ERR_VALIDATION' });
    const form = await post('/v1/responses', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    expect(form.json().code).toBe('HEED_ERR_MEDIA_TYPE');
    expect(await t.store.responses.count({})).toBe(0);
  });

  it('names every invalid field', async () => {
    const { surveyId: _omitted, ...withoutSurvey } = submission({ answers: { score: 11 } });
    const res = await post('/v1/responses', { ...withoutSurvey, extra: true });
    expect(res.statusCode).toBe(400);
    const { message, code } = res.json();
    expect(code).toBe('HEED_ERR_VALIDATION');
    expect(message).toContain('body.surveyId: Invalid input: expected string, received undefined');
    expect(message).toContain('body.answers.score: Too big: expected number to be <=10');
    expect(message).toContain('body: Unrecognized key: "extra"');
  });

  it('names the index of a bad array item', async () => {
    const res = await post('/v1/responses', submission({ surveyId: 'extension-exit', answers: { reasons: ['not-useful', 'Not A Slug'] } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body\.answers\.reasons\[1\]: must be a lowercase slug/);
  });

  it('answers 404 for an unknown project or survey, storing nothing', async () => {
    const project = await post('/v1/responses', submission({ projectKey: 'pk_nope' }));
    expect(project.statusCode).toBe(404);
    expect(project.json().code).toBe('HEED_ERR_UNKNOWN_PROJECT');
    const survey = await post('/v1/responses', submission({ surveyId: 'nope' }));
    expect(survey.statusCode).toBe(404);
    expect(survey.json().code).toBe('HEED_ERR_UNKNOWN_SURVEY');
    expect(await t.store.responses.count({})).toBe(0);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post('/v1/responses', submission({ answers: { score: 1, comment: 'x'.repeat(70 * 1024) } }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ statusCode: 413, code: 'HEED_ERR_BODY_TOO_LARGE', error: 'Payload Too Large', message: 'request body is larger than 65536 bytes' });
  });
});

describe('CORS', () => {
  it('lets allowed origins read answers and refuses writes from other origins', async () => {
    const allowed = await post('/v1/responses', submission(), { origin: APP_ORIGIN });
    expect(allowed.statusCode).toBe(202);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(allowed.headers.vary).toContain('Origin');

    const evil = await post('/v1/responses', submission(), { origin: 'https://evil.example.com' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json()).toMatchObject({ code: 'HEED_ERR_ORIGIN', message: 'origin "https://evil.example.com" is not allowed to post to project "pk_test"' });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(await t.store.responses.count({})).toBe(1);
  });

  it('accepts requests without an Origin header (same-origin beacons, servers)', async () => {
    const res = await post('/v1/displays', { displayId: crypto.randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', event: 'dismissed' });
    expect(res.statusCode).toBe(202);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("accepts writes from the collector's own pages (the hosted survey page)", async () => {
    const res = await post('/v1/responses', submission(), { origin: 'https://heed.example.com', host: 'heed.example.com' });
    expect(res.statusCode).toBe(202);
    const spoofed = await post('/v1/responses', submission(), { origin: 'https://heed.example.com.evil.example', host: 'heed.example.com' });
    expect(spoofed.statusCode).toBe(403);
  });

  it('answers preflights only for allowed origins', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/responses',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(APP_ORIGIN);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(allowed.headers['access-control-allow-headers']).toBe('Content-Type');
    const evil = await preflight('https://evil.example.com');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    expect(evil.statusCode).toBe(404);
  });

  it('gives the survey list only to origins of that project', async () => {
    const allowed = await t.app.inject({ url: '/v1/projects/pk_test/surveys', headers: { origin: APP_ORIGIN } });
    expect(allowed.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    const evil = await t.app.inject({ url: '/v1/projects/pk_test/surveys', headers: { origin: 'https://evil.example.com' } });
    expect(evil.statusCode).toBe(200);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("keeps one project's survey list from another project's origins, which may still write to theirs", async () => {
    await t.close();
    const otherOrigin = 'https://other.example.com';
    t = await buildTestApp({
      config: httpTestConfig({
        projects: [
          { key: 'pk_test', name: 'Test app', allowedOrigins: [APP_ORIGIN] },
          { key: 'pk_other', name: 'Other app', allowedOrigins: [otherOrigin] },
        ],
      }),
    });
    const list = (key: string, method: 'GET' | 'HEAD' = 'GET') => t.app.inject({ method, url: `/v1/projects/${key}/surveys`, headers: { origin: otherOrigin } });
    expect((await list('pk_other')).headers['access-control-allow-origin']).toBe(otherOrigin);
    const foreign = await list('pk_test');
    expect(foreign.statusCode).toBe(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers.vary).toContain('Origin');
    expect((await list('pk_test', 'HEAD')).headers['access-control-allow-origin']).toBeUndefined();
    const write = await post('/v1/responses', submission(), { origin: otherOrigin });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('HEED_ERR_ORIGIN');
  });
});

describe('POST /v1/displays', () => {
  it('records a display once per displayId', async () => {
    const display = { displayId: crypto.randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', event: 'shown', respondent: { anonymousId: 'a1' } };
    expect((await post('/v1/displays', display)).statusCode).toBe(202);
    const again = await post('/v1/displays', display);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: display.displayId, duplicate: true });
    const day = new Date().toISOString().slice(0, 10);
    expect(await t.store.reports.displayDays({ from: day, to: '9999-12-31' })).toMatchObject([{ shown: 1 }]);
  });

  it('validates the event', async () => {
    const res = await post('/v1/displays', { displayId: crypto.randomUUID(), projectKey: 'pk_test', surveyId: 'app-nps', event: 'clicked' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body\.event: Invalid option/);
  });
});
