import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtp } from '../../domain/test-support.ts';
import { testEngines } from '../../domain/test-engines.ts';
import { githubSignature } from '../../intake/signatures.ts';
import { issue, issuesEvent } from '../../intake/test-fixtures.ts';
import { createMailer } from '../../notify/smtp-mailer.ts';
import type { Store } from '../../store/store.ts';
import { buildApp } from '../app.ts';
import { ADMIN_TOKEN, httpTestConfig } from '../test-support.ts';

const GITHUB_SECRET = 'github-webhook-secret-0123456789';
const ISSUE = 'https://github.com/acme/app/issues/42';
const TITLE = 'Export "big" <files>';
const now = new Date('2026-03-04T10:00:00Z');
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const config = httpTestConfig({ intake: { github: { webhookSecret: GITHUB_SECRET } } });

function closeIssue() {
  const body = JSON.stringify({ ...issuesEvent({ action: 'closed' }), issue: { ...issue({ state: 'closed', labels: [] }), title: TITLE } });
  return {
    method: 'POST' as const,
    url: '/v1/integrations/github',
    headers: { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': githubSignature(GITHUB_SECRET, body) },
    payload: body,
  };
}

for (const engine of testEngines()) {
  describe(`closing the loop on ${engine.name}`, () => {
    let opened: { store: Store; remove: () => Promise<void> };
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    const apps: { close(): Promise<unknown> }[] = [];
    const app = async (smtpUrl?: string) => {
      const built = await buildApp({
        config,
        store: opened.store,
        outbox: false,
        digest: false,
        adminToken: ADMIN_TOKEN,
        clock: () => now,
        ...(smtpUrl && { mailer: createMailer(smtpUrl, 'Heed <heed@example.com>') }),
      });
      apps.push(built);
      return built;
    };

    beforeEach(async () => {
      opened = await engine.open();
      smtp = await startSmtp();
    });
    afterEach(async () => {
      for (const built of apps.splice(0)) await built.close();
      await smtp.close();
      await opened.store.close();
      await opened.remove();
    });

    it('tells a consenting customer once, at a real SMTP server, when their issue closes; never an erased contact', async () => {
      const heed = await app(smtp.url);
      const log = async (customer: Record<string, unknown>) => {
        const answer = await heed.inject({ method: 'POST', url: '/v1/feedback', headers: auth, payload: { source: 'manual', sourceId: crypto.randomUUID(), title: 'Exports of big files fail', text: 'Big exports fail', customer } });
        expect(answer.statusCode, answer.body).toBe(202);
        const id = answer.json().id as string;
        expect((await heed.inject({ method: 'POST', url: `/v1/items/${id}/issue`, headers: auth, payload: { url: ISSUE } })).statusCode).toBe(200);
        return id;
      };
      const jane = await log({ accountName: 'Globex <b>', contactEmail: 'jane@globex.example', mayContact: true });
      const noConsent = await log({ contactEmail: 'joe@initech.example' });
      const bob = await log({ contactEmail: 'Bob@Umbrella.example', mayContact: true });
      const preview = (id: string, locale = 'en') => heed.inject({ method: 'GET', url: `/v1/items/${id}/tell-them/preview?locale=${locale}`, headers: auth });
      const tell = (id: string) => heed.inject({ method: 'POST', url: `/v1/items/${id}/tell-them`, headers: { ...auth, 'x-heed-actor': 'pat' } });

      // Not before the issue is closed.
      expect((await preview(jane)).json()).toEqual({ ready: false, reason: `cannot tell yet: the issue of item "${jane}" is not closed` });
      expect((await tell(jane)).statusCode).toBe(409);
      expect((await heed.inject(closeIssue())).json().actioned).toHaveLength(3);

      const en = (await preview(jane)).json();
      expect(en).toMatchObject({ ready: true, to: 'jane@globex.example', locale: 'en', subject: `Shipped: ${TITLE}`, issue: { url: ISSUE, title: TITLE } });
      expect(en.text).toContain(`We have now done it: ${TITLE}\n${ISSUE}`);
      expect(en.text).toContain('Hello Globex <b> team,');
      expect(en.html).toContain('Export &quot;big&quot; &lt;files&gt;');
      expect(en.html).toContain('Globex &lt;b&gt;');
      expect(en.html).not.toContain('<b>');
      const de = (await preview(jane, 'de-AT')).json();
      expect(de).toMatchObject({ locale: 'de', subject: `Erledigt: ${TITLE}` });
      expect(de.text).toContain(`Das ist jetzt umgesetzt: ${TITLE}`);
      expect((await preview(jane, 'fr')).json().locale).toBe('en');
      expect((await preview(jane, 'not a tag!')).statusCode).toBe(400);

      const sent = await tell(jane);
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toEqual({ sent: true, at: now.toISOString(), to: 'jane@globex.example', locale: 'en' });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]?.to).toEqual(['jane@globex.example']);
      expect(smtp.mails[0]?.raw).toContain("Subject: =?UTF-8?Q?Shipped=3A_Export_=22big=22_=3Cfiles=3E?=");
      expect(smtp.mails[0]?.raw).toMatch(/We have now done it: Export "big" <files>\r?\nhttps:\/\/github\.com\/acme\/app\/issues\/42/);
      // Once: a second send is a conflict, and nothing more arrives.
      const again = await tell(jane);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('HEED_ERR_CONFLICT');
      expect((await preview(jane)).json().toldAt).toBe(now.toISOString());
      expect((await preview(noConsent)).json()).toEqual({ ready: false, reason: `cannot tell the customer of item "${noConsent}": the customer did not agree to be contacted` });
      expect((await preview('no-such-item')).statusCode).toBe(404);
      const history = (await heed.inject({ method: 'GET', url: `/v1/items/${jane}`, headers: auth })).json().triage.history;
      expect(history.at(-1)).toEqual({ at: now.toISOString(), actor: 'pat', changes: { toldThem: { issue: ISSUE, locale: 'en' } } });

      expect((await tell(noConsent)).json().message).toContain('did not agree to be contacted');

      // Erased by email (any case): the contact is gone from the item and nothing is sent to it.
      const erased = await heed.inject({ method: 'DELETE', url: '/v1/contacts/bob@umbrella.example', headers: auth });
      expect(erased.json()).toEqual({ erased: { items: 1 } });
      expect((await heed.inject({ method: 'GET', url: `/v1/items/${bob}`, headers: auth })).json().customer).toEqual({});
      expect((await tell(bob)).statusCode).toBe(409);
      expect((await heed.inject({ method: 'DELETE', url: '/v1/contacts/not-an-email', headers: auth })).statusCode).toBe(400);
      await new Promise((wait) => setTimeout(wait, 200));
      expect(smtp.mails.map((mail) => mail.to)).toEqual([['jane@globex.example']]);
    });

    it('answers 409 without a mailer and 502 when the mail server refuses, and may then be sent', async () => {
      const refusing = await startSmtp({ code: 550, message: 'mailbox unavailable' });
      try {
        const withoutMailer = await app();
        const answer = await withoutMailer.inject({ method: 'POST', url: '/v1/feedback', headers: auth, payload: { source: 'manual', sourceId: 's-1', text: 'Big exports fail', customer: { contactEmail: 'jane@globex.example', mayContact: true } } });
        const id = answer.json().id as string;
        await withoutMailer.inject({ method: 'POST', url: `/v1/items/${id}/issue`, headers: auth, payload: { url: ISSUE } });
        await withoutMailer.inject(closeIssue());
        const none = await withoutMailer.inject({ method: 'POST', url: `/v1/items/${id}/tell-them`, headers: auth });
        expect(none.statusCode).toBe(409);
        expect(none.json().code).toBe('HEED_ERR_MAILER_UNAVAILABLE');

        const refused = await (await app(refusing.url)).inject({ method: 'POST', url: `/v1/items/${id}/tell-them`, headers: auth });
        expect(refused.statusCode).toBe(502);
        expect(refused.json().code).toBe('HEED_ERR_MAIL_FAILED');
        expect((await opened.store.items.get(id))?.triage.history.at(-1)?.changes).toMatchObject({ toldThem: { failed: expect.stringContaining('mailbox unavailable') } });

        expect((await (await app(smtp.url)).inject({ method: 'POST', url: `/v1/items/${id}/tell-them`, headers: auth })).statusCode).toBe(200);
        expect(smtp.mails).toHaveLength(1);
      } finally {
        await refusing.close();
      }
    });
  });
}
