import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEngines } from '../../domain/test-engines.ts';
import { githubSignature } from '../../intake/signatures.ts';
import { issue, issuesEvent } from '../../intake/test-fixtures.ts';
import type { Store } from '../../store/store.ts';
import { ADMIN_TOKEN, buildTestApp, httpTestConfig, submission, type TestApp } from '../test-support.ts';

const GITHUB_SECRET = 'github-webhook-secret-0123456789';
const ISSUE = 'https://github.com/acme/app/issues/42';
const ROADMAP = 'https://roadmap.example.com/features/sso';
const now = new Date('2026-03-04T10:00:00Z');
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** An `issues` delivery about the issue, which carries no feedback label (it is not an item itself). */
function issueEvent(action: string, state: string, title = 'PDF export loses images') {
  return { ...issuesEvent({ action }), issue: { ...issue({ state, labels: [] }), title } };
}

function githubDelivery(payload: unknown) {
  const body = JSON.stringify(payload);
  return {
    method: 'POST' as const,
    url: '/v1/integrations/github',
    headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': githubSignature(GITHUB_SECRET, body) },
    payload: body,
  };
}

for (const engine of testEngines()) {
  describe(`issues on ${engine.name}`, () => {
    let t: TestApp;
    let opened: { store: Store; remove: () => Promise<void> };
    let clock = now;

    beforeEach(async () => {
      opened = await engine.open();
      clock = now;
      t = await buildTestApp({
        store: opened.store,
        config: httpTestConfig({ intake: { github: { webhookSecret: GITHUB_SECRET } } }),
        clock: () => clock,
      });
    });
    afterEach(async () => {
      await t.app.close();
      await opened.store.close();
      await opened.remove();
    });

    async function logFeedback(text: string, customer: Record<string, string>) {
      const answer = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: auth, payload: { source: 'manual', sourceId: crypto.randomUUID(), text, customer } });
      expect(answer.statusCode, answer.body).toBe(202);
      return answer.json().id as string;
    }
    const link = (id: string, payload: object) => t.app.inject({ method: 'POST', url: `/v1/items/${id}/issue`, headers: auth, payload });
    const issuesPage = async (query = '') => (await t.app.inject({ method: 'GET', url: `/v1/issues${query}`, headers: auth })).json();
    const issues = async (query = '') => (await issuesPage(query)).items;
    const tick = () => {
      clock = new Date(clock.getTime() + 60_000);
    };

    it('links items to issues, lists them with who asks, newest or most asked first, and unlinks', async () => {
      const acme = await logFeedback('Need SSO', { accountId: 'acc-acme', accountName: 'Acme', plan: 'saas' });
      tick();
      const beta = await logFeedback('SSO please', { accountId: 'acc-beta', plan: 'self-managed' });
      tick();
      const acmeAgain = await logFeedback('SSO again', { accountId: 'acc-acme', plan: 'saas' });
      const answer = await t.app.inject({ method: 'POST', url: '/v1/responses', headers: { origin: 'https://app.example.com' }, payload: submission({ answers: { score: 3, comment: 'Export is broken' } }) });
      const answerId = answer.json().id as string;

      expect((await link(acme, { url: ROADMAP, title: 'Single sign-on' })).statusCode).toBe(200);
      tick();
      const exported = await link(answerId, { url: ISSUE });
      expect(exported.json().issue).toMatchObject({ url: ISSUE, state: 'open', asking: 1 });
      tick();
      await link(beta, { url: ROADMAP });
      await link(acmeAgain, { url: ROADMAP });

      expect((await issues()).map((issue: { url: string }) => issue.url)).toEqual([ISSUE, ROADMAP]);
      const [sso, exportIssue] = await issues('?sort=asking');
      expect(sso).toMatchObject({
        url: ROADMAP,
        title: 'Single sign-on',
        asking: 3,
        customers: [{ accountId: 'acc-acme' }, { accountId: 'acc-beta' }],
        plans: ['saas', 'self-managed'],
      });
      expect(sso.items.map((item: { id: string }) => item.id).sort()).toEqual([acme, beta, acmeAgain].sort());
      expect(exportIssue).toMatchObject({ url: ISSUE, asking: 1, customers: [], plans: [] });
      // One at a time, in either order, by the cursor of the page before.
      for (const [sort, order] of [['newest', [ISSUE, ROADMAP]], ['asking', [ROADMAP, ISSUE]]] as const) {
        const first = await issuesPage(`?sort=${sort}&limit=1`);
        expect(first.items.map((issue: { url: string }) => issue.url)).toEqual([order[0]]);
        const second = await issuesPage(`?sort=${sort}&limit=1&cursor=${first.nextCursor}`);
        expect(second).toMatchObject({ items: [{ url: order[1] }], nextCursor: null });
      }
      // A cursor of the other order, or none of ours, is refused.
      const newestCursor = (await issuesPage('?limit=1')).nextCursor;
      for (const cursor of [newestCursor, 'not-a-cursor']) {
        const refused = await t.app.inject({ method: 'GET', url: `/v1/issues?sort=asking&cursor=${cursor}`, headers: auth });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().code).toBe('HEED_ERR_BAD_CURSOR');
      }

      // The link is on the item's triage, in its history.
      const item = (await t.app.inject({ method: 'GET', url: `/v1/items/${acme}`, headers: auth })).json();
      expect(item.triage.issueUrl).toBe(ROADMAP);
      expect(item.triage.history.at(-1)).toMatchObject({ actor: 'admin', changes: { issueUrl: { from: null, to: ROADMAP } } });

      const unlinked = await t.app.inject({ method: 'DELETE', url: `/v1/items/${beta}/issue`, headers: auth });
      expect(unlinked.json()).toEqual({ unlinked: ROADMAP });
      expect((await issues('?sort=asking'))[0]).toMatchObject({ url: ROADMAP, asking: 2, customers: [{ accountId: 'acc-acme' }] });
      expect((await t.app.inject({ method: 'DELETE', url: `/v1/items/${beta}/issue`, headers: auth })).json().code).toBe('HEED_ERR_NOT_FOUND');

      expect((await link('no-such-item', { url: ISSUE })).statusCode).toBe(404);
      const bad = await link(acme, { url: 'ftp://example.com/x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('HEED_ERR_VALIDATION');
      expect((await t.app.inject({ method: 'GET', url: '/v1/issues?sort=loudest', headers: auth })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/v1/issues' })).statusCode).toBe(401);
    });

    it('moves the items of an issue that a signed GitHub delivery closes to actioned, in their history, and follows its title', async () => {
      const first = await logFeedback('Crash on export', { accountId: 'acc-acme' });
      const second = await logFeedback('Export crashes', { accountId: 'acc-beta' });
      const done = await logFeedback('Export', {});
      await link(first, { url: ISSUE, title: 'Old title' });
      await link(second, { url: ISSUE });
      await link(done, { url: ISSUE });
      await t.app.inject({ method: 'PATCH', url: `/v1/items/${done}`, headers: auth, payload: { status: 'closed' } });
      await t.app.inject({ method: 'PATCH', url: `/v1/items/${second}`, headers: auth, payload: { status: 'acknowledged' } });

      const edited = await t.app.inject(githubDelivery(issueEvent('edited', 'open', 'Export crashes on large files')));
      expect(edited.json()).toEqual({ issue: ISSUE, state: 'open', actioned: [] });
      expect((await issues())[0]).toMatchObject({ title: 'Export crashes on large files', state: 'open' });

      // Unsigned, it changes nothing.
      const forged = githubDelivery(issueEvent('closed', 'closed'));
      forged.headers['x-hub-signature-256'] = githubSignature('another-secret-0123456789', forged.payload);
      expect((await t.app.inject(forged)).statusCode).toBe(401);
      expect((await issues())[0].state).toBe('open');

      tick();
      const closed = await t.app.inject(githubDelivery(issueEvent('closed', 'closed', 'Export crashes on large files')));
      expect(closed.statusCode).toBe(200);
      expect(closed.json().actioned.sort()).toEqual([first, second].sort());
      expect((await issues())[0].state).toBe('closed');
      for (const id of [first, second]) {
        const item = (await t.app.inject({ method: 'GET', url: `/v1/items/${id}`, headers: auth })).json();
        expect(item.triage.status).toBe('actioned');
        expect(item.triage.history.at(-1)).toMatchObject({ at: clock.toISOString(), actor: 'github', changes: { status: { to: 'actioned' } } });
      }
      expect((await t.store.items.get(done))?.triage.status).toBe('closed');
      // Delivered again, nothing changes twice.
      const again = await t.app.inject(githubDelivery(issueEvent('closed', 'closed', 'Export crashes on large files')));
      expect(again.json().actioned).toEqual([]);
      expect((await t.store.items.get(first))?.triage.history).toHaveLength(2);
    });
  });
}
