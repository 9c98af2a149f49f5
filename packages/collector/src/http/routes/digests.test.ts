import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, submission, type TestApp } from '../test-support.ts';

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-03-04T10:00:00Z'); // a Wednesday: the next digest is due Friday 2026-03-06 16:00 UTC
  t = await buildTestApp({ clock: () => now });
});
afterEach(async () => {
  await t.close();
});

const admin = (url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });

describe('GET /v1/digests/preview', () => {
  it("previews the owner's next digest with the week so far", async () => {
    const posted = await t.app.inject({
      method: 'POST',
      url: '/v1/responses',
      payload: submission({ answers: { score: 2, comment: '<img src=x onerror=alert(1)>' } }),
    });
    expect(posted.statusCode).toBe(202);

    const res = await admin('/v1/digests/preview?owner=pm-editor');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      owner: { id: 'pm-editor', name: 'Editor PM' },
      periodKey: '2026-03-06',
      week: { start: '2026-02-27T16:00:00.000Z', end: '2026-03-06T16:00:00.000Z', responses: 1, detractors: 1, nps: -100 },
      comments: [{ id: posted.json().id, comment: '<img src=x onerror=alert(1)>', status: 'new' }],
      openTriage: 1,
      failedAlerts: [],
    });
  });

  it('answers 404 for an owner the config does not name, 400 without one', async () => {
    const unknown = await admin('/v1/digests/preview?owner=pm-nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'HEED_ERR_NOT_FOUND', message: 'owner "pm-nobody" not found' });
    const missing = await admin('/v1/digests/preview');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('query.owner');
  });

  it('requires the admin token', async () => {
    expect((await t.app.inject({ url: '/v1/digests/preview?owner=pm-editor' })).statusCode).toBe(401);
  });
});
