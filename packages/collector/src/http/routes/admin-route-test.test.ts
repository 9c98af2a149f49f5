import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, buildTestApp, submission, type TestApp } from '../test-support.ts';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({ clock: () => new Date('2026-03-04T10:00:00Z'), settingsPollMs: false });
});
afterEach(async () => {
  await t.close();
});

const test = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/routes/test', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload });

describe('the routing rules', () => {
  it('lists the ordered rules with their owners by name, and the rotation', async () => {
    const res = await t.app.inject({ url: '/v1/routes', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.json()).toEqual({
      routes: [
        { index: 0, when: { productArea: 'editor' }, owner: { id: 'pm-editor', name: 'Editor PM' } },
        { index: 1, when: { productArea: 'billing' }, owner: { id: 'pm-growth', name: 'Growth PM' } },
      ],
      rotation: { owners: [{ id: 'pm-growth', name: 'Growth PM' }], every: 'week', startsOn: '2026-01-05' },
    });
  });
});

describe('who would get this answer?', () => {
  it('names the owner and the rule that matched, as ingest then routes the same answer', async () => {
    const res = await test({ surveyId: 'app-nps', score: 3, comment: 'Too slow' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
      owner: { id: 'pm-editor', name: 'Editor PM' },
      rule: { index: 0, when: { productArea: 'editor' } },
      explanation: 'Editor PM (pm-editor), by rule 1 (productArea editor), the first that matches.',
    });
    const posted = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission({ answers: { score: 3, comment: 'Too slow' } }) });
    const stored = await t.app.inject({ url: `/v1/responses/${posted.json().id}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(stored.json().routing).toEqual(res.json().routing);
  });

  it('falls to the rotation when no rule matches, and skips answers that need nobody', async () => {
    const rotation = await test({ kind: 'uninstall', productArea: 'extension', comment: 'Crashes' });
    expect(rotation.json()).toMatchObject({ routing: { status: 'routed', owner: 'pm-growth', reason: 'rotation' }, explanation: expect.stringContaining('rotation') });
    expect(rotation.json()).not.toHaveProperty('rule');
    const skipped = await test({ surveyId: 'app-nps', score: 9 });
    expect(skipped.json()).toMatchObject({ routing: { status: 'skipped', reason: 'not-actionable' } });
  });

  it('refuses facts it cannot route: an unknown survey, no survey nor kind and area, a CSAT score above 5', async () => {
    expect((await test({ surveyId: 'nope', score: 1 })).statusCode).toBe(404);
    const vague = await test({ score: 1 });
    expect(vague.statusCode).toBe(400);
    expect(vague.json().message).toContain('surveyId');
    expect((await test({ kind: 'csat', productArea: 'editor', score: 7 })).statusCode).toBe(400);
  });
});
