import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../notify/webhook.ts';
import { ADMIN_TOKEN, buildTestApp, httpTestConfig, submission, type TestApp } from '../test-support.ts';

const SECRET = 'a-webhook-secret-0123456789';

/** A webhook receiver on loopback answering `status`, keeping each request's body and signature. */
async function receiver(status = 200): Promise<{ url: string; received: { body: string; signature: string }[]; close(): Promise<void> }> {
  const received: { body: string; signature: string }[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ body, signature: String(request.headers['heed-signature'] ?? '') });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let t: TestApp;
let now: Date;
let hook: Awaited<ReturnType<typeof receiver>>;
beforeEach(async () => {
  now = new Date('2026-03-04T10:00:00Z');
  hook = await receiver();
  const config = httpTestConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM', webhookUrl: hook.url, webhookSecret: SECRET },
      { id: 'pm-growth', name: 'Growth PM' },
    ],
  });
  t = await buildTestApp({ config, clock: () => now, settingsPollMs: false });
});
afterEach(async () => {
  await t.close();
  await hook.close();
});

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const put = (app: FastifyInstance, payload: object, actor?: string) =>
  app.inject({ method: 'PUT', url: '/v1/routing', headers: { ...auth, ...(actor && { 'x-heed-actor': encodeURIComponent(actor) }) }, payload });
const routing = async (app: FastifyInstance) => (await app.inject({ url: '/v1/routing', headers: auth })).json();
const detractor = (comment: string) => submission({ answers: { score: 2, comment } });
const ownerOf = async (id: string) => (await t.store.responses.get(id))?.routing.owner;

describe('routing edited in the console', () => {
  it('lists the owners without their secrets, the routes, the rotation and the DRIs, all from the file', async () => {
    const body = await routing(t.app);
    expect(body.sources).toEqual({ owners: 'file', routes: 'file', rotation: 'file', feedbackTypes: 'file' });
    expect(body.owners[0]).toEqual({ id: 'pm-editor', name: 'Editor PM', webhookUrl: hook.url, hasWebhookSecret: true });
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(body.routes[0]).toEqual({ when: { productArea: 'editor' }, owner: 'pm-editor' });
    expect(body.rotation).toMatchObject({ owners: ['pm-growth'] });
    expect(body.file.routes).toEqual(body.routes);
    expect((await t.app.inject({ url: '/v1/routing' })).statusCode).toBe(401);
  });

  it('an edited route changes the owner of the next answer at once, and the change is kept with its actor', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: detractor('Exports are slow') });
    expect(await ownerOf(first.json().id)).toBe('pm-editor');

    const res = await put(t.app, { routes: [{ when: { productArea: 'editor', plan: 'saas' }, owner: 'pm-editor' }, { when: { productArea: 'editor' }, owner: 'pm-growth' }] }, 'Ana Lima');
    expect(res.statusCode).toBe(200);
    expect(res.json().routing.sources).toMatchObject({ routes: 'console', owners: 'file' });

    const next = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: detractor('Exports are slow again') });
    expect(await ownerOf(next.json().id)).toBe('pm-growth');
    expect((await t.store.responses.get(next.json().id))?.routing.reason).toBe('route:1');

    const history = (await t.app.inject({ url: '/v1/routing/history', headers: auth })).json();
    expect(history.items).toEqual([{ version: 1, at: now.toISOString(), actor: 'Ana Lima', settings: expect.objectContaining({ routes: expect.any(Array) }) }]);

    await put(t.app, {}); // back to the file
    const back = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: detractor('Slow once more') });
    expect(await ownerOf(back.json().id)).toBe('pm-editor');
  });

  it('of two edits started from the same routing, stores the first and refuses the second (412), which changes nothing', async () => {
    const edit = (owner: string, actor: string, basedOn: number) =>
      t.app.inject({
        method: 'PUT',
        url: '/v1/routing',
        headers: { ...auth, 'x-heed-actor': actor, 'if-match': `"${basedOn}"` },
        payload: { routes: [{ when: { productArea: 'editor' }, owner }] },
      });
    expect((await routing(t.app)).change).toBeUndefined();
    expect((await edit('pm-growth', 'Ana', 0)).statusCode).toBe(200);
    const second = await edit('pm-editor', 'Bo', 0);
    expect(second.statusCode).toBe(412);
    expect(second.json()).toMatchObject({ code: 'HEED_ERR_CHANGED_MEANWHILE', message: expect.stringContaining('the routing was changed since version 0 (now version 1, by Ana') });
    const now1 = await routing(t.app);
    expect(now1).toMatchObject({ change: { version: 1, actor: 'Ana' }, routes: [{ when: { productArea: 'editor' }, owner: 'pm-growth' }] });
    const answer = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: detractor('Exports are slow') });
    expect(await ownerOf(answer.json().id)).toBe('pm-growth');
    expect((await edit('pm-editor', 'Bo', now1.change.version)).statusCode).toBe(200);
  });

  it('adds an owner and turns the rotation off; an owner edited without its secret keeps it', async () => {
    const owners = [
      { id: 'pm-editor', name: 'Editor lead', webhookUrl: hook.url },
      { id: 'pm-growth', name: 'Growth PM' },
      { id: 'pm-new', name: 'New PM', email: 'new@example.com' },
    ];
    const res = await put(t.app, { owners, routes: [{ when: { productArea: 'editor' }, owner: 'pm-new' }], rotation: null });
    expect(res.statusCode).toBe(200);
    const body = res.json().routing;
    expect(body.owners[0]).toEqual({ id: 'pm-editor', name: 'Editor lead', webhookUrl: hook.url, hasWebhookSecret: true });
    expect(body.rotation).toBeNull();
    expect(JSON.stringify(res.json())).not.toContain(SECRET);
    // The test alert is signed with the kept secret.
    const sent = await t.app.inject({ method: 'POST', url: '/v1/owners/pm-editor/test-alert', headers: auth });
    expect(sent.json().results).toEqual([{ channel: 'webhook', status: 'delivered' }]);
    expect(verifyWebhookSignature(SECRET, hook.received[0]!.body, hook.received[0]!.signature, now)).toBe(true);
    // No rule matches a billing answer and the rotation is off: nobody.
    const billing = await t.app.inject({ method: 'POST', url: '/v1/responses', payload: submission({ surveyId: 'portal-cancel', answers: { reason: 'too-expensive', comment: 'Too much' } }) });
    expect(billing.statusCode).toBe(202);
    expect((await t.store.responses.get(billing.json().id))?.routing.status).not.toBe('routed');
  });

  it('refuses a change that would not make a valid config, naming the problem, and stores nothing', async () => {
    const unknown = await put(t.app, { routes: [{ when: {}, owner: 'nobody' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'HEED_ERR_VALIDATION', message: expect.stringContaining('routes.0.owner: unknown owner "nobody"') });
    const dropped = await put(t.app, { owners: [{ id: 'pm-growth', name: 'Growth PM' }] });
    expect(dropped.statusCode).toBe(400);
    expect(dropped.json().message).toContain('unknown owner "pm-editor"');
    const secretless = await put(t.app, { owners: [{ id: 'pm-editor', name: 'E' }, { id: 'pm-growth', name: 'G', webhookUrl: hook.url }] });
    expect(secretless.json().message).toContain('webhookSecret');
    expect((await put(t.app, { routes: [{ when: { nope: 1 }, owner: 'pm-editor' }] })).statusCode).toBe(400);
    expect((await routing(t.app)).version).toBe(0);
  });
});

describe('a test alert', () => {
  it('goes out on each channel at once, signed, and says when a channel fails', async () => {
    const sent = await t.app.inject({ method: 'POST', url: '/v1/owners/pm-editor/test-alert', headers: { ...auth, 'x-heed-actor': 'Ana' } });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ owner: 'pm-editor', results: [{ channel: 'webhook', status: 'delivered' }] });
    expect(hook.received).toHaveLength(1);
    expect(verifyWebhookSignature(SECRET, hook.received[0]!.body, hook.received[0]!.signature, now)).toBe(true);
    expect(hook.received[0]!.body).toContain('A test alert from Heed, sent by Ana');
    expect(await t.store.alerts.page({}, 10)).toEqual([]); // nothing stored

    const broken = await receiver(500);
    try {
      await put(t.app, { owners: [{ id: 'pm-editor', name: 'Editor PM', webhookUrl: broken.url }, { id: 'pm-growth', name: 'Growth PM' }] });
      const failed = (await t.app.inject({ method: 'POST', url: '/v1/owners/pm-editor/test-alert', headers: auth })).json();
      expect(failed.results).toEqual([{ channel: 'webhook', status: 'failed', error: expect.stringContaining('500') }]);
      expect(broken.received).toHaveLength(1);
    } finally {
      await broken.close();
    }
    expect((await t.app.inject({ method: 'POST', url: '/v1/owners/pm-growth/test-alert', headers: auth })).json().results).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/v1/owners/nobody/test-alert', headers: auth })).statusCode).toBe(404);
  });
});

describe('two collectors on one store', () => {
  it('a route changed on one decides the owner of the next answer on the other, after its poll', async () => {
    const { buildApp } = await import('../app.ts');
    const config = httpTestConfig();
    const common = { config, store: t.store, outbox: false, digest: false, followThrough: false, adminToken: ADMIN_TOKEN, clock: () => now } as const;
    const one = await buildApp({ ...common, settingsPollMs: false });
    const two = await buildApp({ ...common, settingsPollMs: 50 });
    try {
      expect((await put(one, { routes: [{ when: { productArea: 'editor' }, owner: 'pm-growth' }] }, 'Ana')).statusCode).toBe(200);
      await expect.poll(async () => (await routing(two)).sources.routes, { timeout: 2000, interval: 25 }).toBe('console');
      const answered = await two.inject({ method: 'POST', url: '/v1/responses', payload: detractor('Slow on two') });
      expect(await ownerOf(answered.json().id)).toBe('pm-growth');
    } finally {
      await one.close();
      await two.close();
    }
  });
});
