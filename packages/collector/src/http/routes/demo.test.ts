import { HeedConfigSchema } from '@heed/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../notify/webhook.ts';
import { PAGE_CSP } from '../pages/layout.ts';
import { buildTestApp, type TestApp } from '../test-support.ts';

const SECRET = 'editor-secret-0123456789';
const config = HeedConfigSchema.parse({
  demo: true,
  projects: [{ key: 'pk_demo', name: 'Demo', allowedOrigins: [] }],
  surveys: [{ id: 'app-nps', project: 'pk_demo', kind: 'nps', productArea: 'editor' }],
  owners: [
    { id: 'pm-editor', name: 'Editor PM', webhookUrl: 'http://127.0.0.1:1/demo/inbox/pm-editor', webhookSecret: SECRET },
    { id: 'pm-mail', name: 'Mail-only PM', email: 'pm@example.com' },
  ],
});

let t: TestApp;
let now: Date;
beforeEach(async () => {
  now = new Date('2026-03-04T10:00:00Z');
  t = await buildTestApp({ config, clock: () => now });
});
afterEach(async () => {
  await t.close();
});

function delivery(id: string, comment: string) {
  return JSON.stringify({
    type: 'response.routed',
    id,
    response: { surveyId: 'app-nps', category: 'detractor', plan: 'saas', answers: { score: 2, comment } },
    owner: { id: 'pm-editor', name: 'Editor PM' },
    reasons: ['route:0'],
  });
}

const deliver = (body: string, headers: Record<string, string>, owner = 'pm-editor') =>
  t.app.inject({ method: 'POST', url: `/demo/inbox/${owner}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });

const signed = (id: string, body: string, secret = SECRET) => ({
  'heed-delivery-id': id,
  'heed-signature': signWebhook(secret, body, Math.floor(now.getTime() / 1000)),
});

describe('demo pages', () => {
  it('embed the loader snippet as a customer would, with a user id of each visitor, under the strict policy', async () => {
    const res = await t.app.inject({ url: '/demo' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    // A classic script of the page's origin (no inline script) adds the snippet with this browser's own id.
    expect(res.body).toContain('<script src="/demo/visitor.js"></script>');
    const visitor = await t.app.inject({ url: '/demo/visitor.js' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers['content-type']).toMatch(/javascript/);
    expect(visitor.body).toContain("snippet.src = '/widget/heed.js'");
    expect(res.body).toContain('<a href="/demo?reset">Reset the demo</a>');
    expect(res.body).toContain('href="/console/"');
    expect(res.body).toContain('href="/demo/cancel"');
    expect(res.body).toContain('href="/s/extension-exit?installId=demo&amp;version=1.2.3&amp;locale=en"');
    expect(res.body).toContain('href="/demo/inbox"');
  });

  it('serve the billing portal and its script', async () => {
    const page = await t.app.inject({ url: '/demo/cancel' });
    expect(page.body).toContain('id="cancel-subscription"');
    expect(page.body).toContain('<script type="module" src="/demo/cancel.js"></script>');
    const script = await t.app.inject({ url: '/demo/cancel.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toContain("show('portal-cancel', { mount, context: { plan: 'saas' } })");
    expect((await t.app.inject({ url: '/demo/demo.css' })).statusCode).toBe(200);
  });

  it('are absent unless the config turns the demo on', async () => {
    const off = await buildTestApp();
    try {
      expect((await off.app.inject({ url: '/demo' })).statusCode).toBe(404);
      expect((await off.app.inject({ url: '/demo/inbox.json' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('demo inbox', () => {
  it('keeps signed deliveries once each and shows them escaped', async () => {
    const body = delivery('d-1', '<script>alert("x")</script> & more');
    const first = await deliver(body, signed('d-1', body));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false });
    const again = await deliver(body, signed('d-1', body));
    expect(again.json()).toEqual({ received: true, duplicate: true });

    const { deliveries } = (await t.app.inject({ url: '/demo/inbox.json' })).json();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ deliveryId: 'd-1', ownerId: 'pm-editor', receivedAt: now.toISOString() });

    const page = await t.app.inject({ url: '/demo/inbox' });
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('<meta http-equiv="refresh" content="5">');
  });

  it('refuses deliveries whose signature does not verify', async () => {
    const body = delivery('d-2', 'hi');
    const wrongSecret = await deliver(body, signed('d-2', body, 'someone-elses-secret-000'));
    expect(wrongSecret.statusCode).toBe(401);
    expect(wrongSecret.json().code).toBe('HEED_ERR_SIGNATURE');
    const tampered = await deliver(body.replace('hi', 'ho'), signed('d-2', body));
    expect(tampered.statusCode).toBe(401);
    const unsigned = await deliver(body, { 'heed-delivery-id': 'd-2' });
    expect(unsigned.statusCode).toBe(401);
    const stale = signed('d-2', body);
    now = new Date(now.getTime() + 10 * 60_000);
    expect((await deliver(body, stale)).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/demo/inbox.json' })).json().deliveries).toEqual([]);
  });

  it('has no receiver for owners without a webhook secret', async () => {
    const body = delivery('d-3', 'hi');
    expect((await deliver(body, signed('d-3', body), 'pm-mail')).statusCode).toBe(404);
    expect((await deliver(body, signed('d-3', body), 'nobody')).statusCode).toBe(404);
  });

  it('lists weekly digests too', async () => {
    const body = JSON.stringify({ type: 'digest.weekly', id: 'digest:pm-editor:2026-03-06:webhook', digest: { periodKey: '2026-03-06', week: { responses: 12, comments: 3, nps: 25 } } });
    expect((await deliver(body, signed('digest:pm-editor:2026-03-06:webhook', body))).statusCode).toBe(200);
    const page = (await t.app.inject({ url: '/demo/inbox' })).body;
    expect(page).toContain('weekly digest 2026-03-06');
    expect(page).toContain('NPS 25');
    expect(page).toContain('12 responses, 3 comments');
  });

  it('keeps only the last 100 deliveries, newest first', async () => {
    for (let i = 0; i < 105; i += 1) {
      const body = delivery(`d-${i}`, `comment ${i}`);
      expect((await deliver(body, signed(`d-${i}`, body))).statusCode).toBe(200);
    }
    const { deliveries } = (await t.app.inject({ url: '/demo/inbox.json' })).json();
    expect(deliveries).toHaveLength(100);
    expect(deliveries[0].deliveryId).toBe('d-104');
    expect(deliveries.at(-1).deliveryId).toBe('d-5');
  });
});
