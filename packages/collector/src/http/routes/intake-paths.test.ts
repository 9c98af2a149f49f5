import { describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { startReceiver } from '../../domain/test-support.ts';
import { githubSignature, heedSignature, slackSignature, zendeskSignature } from '../../intake/signatures.ts';
import { closedCase, issueCommentEvent, issuesEvent, messageAction } from '../../intake/test-fixtures.ts';
import { ADMIN_TOKEN, buildTestApp, httpTestConfig, type TestApp } from '../test-support.ts';

const SLACK_SECRET = 'slack-signing-secret-0123456789';
const GITHUB_SECRET = 'github-webhook-secret-0123456789';
const CASES_SECRET = 'cases-webhook-secret-0123456789';
const CALLS_TOKEN = 'sales-call-token-0123456789';
const now = new Date('2026-03-04T10:00:00Z');
const unix = now.getTime() / 1000;

function config(owner: { webhookUrl?: string } = {}) {
  return httpTestConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM', ...(owner.webhookUrl && { webhookUrl: owner.webhookUrl, webhookSecret: 'owner-secret-0123456789' }) },
      { id: 'pm-growth', name: 'Growth PM' },
    ],
    routes: [
      { when: { source: 'email' }, owner: 'pm-editor' },
      { when: { source: 'github' }, owner: 'pm-editor' },
    ],
    intake: {
      tokens: [{ source: 'sales-call', token: CALLS_TOKEN, name: 'call notes' }],
      email: { port: 0, host: '127.0.0.1', acceptDomains: ['feedback.acme.example'], maxBytes: 64 * 1024 },
      slack: { signingSecret: SLACK_SECRET },
      github: { webhookSecret: GITHUB_SECRET },
      cases: { secret: CASES_SECRET },
    },
  });
}

async function withApp(run: (t: TestApp) => Promise<void>, options: Parameters<typeof buildTestApp>[0] = {}) {
  const t = await buildTestApp({ config: config(), clock: () => now, ...options });
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

async function inbox(t: TestApp) {
  return t.store.items.page({}, 100);
}

describe('POST /v1/feedback', () => {
  const draft = { source: 'sales-call', sourceId: 'call-17', feedbackType: 'product', text: 'Wants audit logs', customer: { accountName: 'Globex', plan: 'saas', region: 'EMEA' } };

  it('takes a draft with the admin token or its source intake token, once', () =>
    withApp(async (t) => {
      const first = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: { authorization: `Bearer ${CALLS_TOKEN}` }, payload: draft });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ id: expect.any(String), duplicate: false });
      const again = await t.app.inject({ method: 'POST', url: '/v1/feedback', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: draft });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ id: first.json().id, duplicate: true });
      expect(await t.store.items.get(first.json().id)).toMatchObject({ source: 'sales-call', customer: { accountName: 'Globex' } });
    }));

  it('refuses bad input naming the field, and other sources or routes with an intake token; stores nothing', () =>
    withApp(async (t) => {
      const post = (payload: unknown, token = ADMIN_TOKEN) => t.app.inject({ method: 'POST', url: '/v1/feedback', headers: { authorization: `Bearer ${token}` }, payload: payload as object });
      const noText = await post({ ...draft, text: '' });
      expect(noText.statusCode).toBe(400);
      expect(noText.json().message).toMatch(/^body\.text: /);
      const badType = await post({ ...draft, feedbackType: 'pricing' });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().message).toContain('feedbackType: unknown feedback type "pricing"');
      expect((await post({ ...draft, customer: { plan: 'gold' } })).json().message).toMatch(/^body\.customer\.plan: /);
      expect((await post({ ...draft, source: 'github' }, CALLS_TOKEN)).statusCode).toBe(403);
      expect((await post(draft, 'wrong-token-0123456789')).statusCode).toBe(401);
      const asAdmin = await t.app.inject({ method: 'GET', url: '/v1/alerts', headers: { authorization: `Bearer ${CALLS_TOKEN}` } });
      expect(asAdmin.statusCode).toBe(401);
      expect(await inbox(t)).toEqual([]);
    }));
});

describe('email intake over SMTP', () => {
  it('turns a forwarded message into an item routed to its owner, with the owner alert in the outbox', { timeout: 20_000 }, async () => {
    const receiver = await startReceiver();
    const t = await buildTestApp({ config: config({ webhookUrl: `${receiver.url}/hook` }) });
    try {
      const port = t.app.emailIntake?.port;
      const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      await transport.sendMail({
        from: 'Pat PM <pat@acme.example>',
        to: 'feedback@feedback.acme.example',
        subject: 'Fwd: Export is broken',
        messageId: '<fwd-1@acme.example>',
        text: 'From the Globex call\n\n---------- Forwarded message ---------\nFrom: Jane <jane@globex.example>\nDate: Tue, Mar 3, 2026 at 4:00 PM\nSubject: Export is broken\nTo: support@acme.example\n\nPDF export drops images.\n',
      });
      const item = await t.store.items.bySource('email', '<fwd-1@acme.example>');
      expect(item).toMatchObject({
        title: 'Export is broken',
        text: 'PDF export drops images.',
        customer: { contactEmail: 'jane@globex.example' },
        reporter: { email: 'pat@acme.example', name: 'Pat PM' },
        routing: { status: 'routed', owner: 'pm-editor' },
      });
      const alerts = await t.store.alerts.page({ responseId: item?._id as string }, 10);
      expect(alerts.map((alert) => [alert.ownerId, alert.channel, alert.status])).toEqual([['pm-editor', 'webhook', 'pending']]);

      // The same message again is the same item.
      await transport.sendMail({ from: 'pat@acme.example', to: 'feedback@feedback.acme.example', subject: 'x', messageId: '<fwd-1@acme.example>', text: 'again' });
      expect(await inbox(t)).toHaveLength(1);

      await expect(transport.sendMail({ from: 'a@b.example', to: 'someone@elsewhere.example', subject: 'x', text: 'y' })).rejects.toMatchObject({ responseCode: 550 });
      await expect(transport.sendMail({ from: 'a@b.example', to: 'feedback@feedback.acme.example', subject: 'big', text: 'x'.repeat(70 * 1024) })).rejects.toMatchObject({ responseCode: 552 });
      await expect(transport.sendMail({ from: 'a@b.example', to: 'feedback@feedback.acme.example', subject: 'empty', text: '' })).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('the message has no text') });
      expect(await inbox(t)).toHaveLength(1);
      transport.close();
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});

describe('Slack "Send to Heed"', () => {
  function slackRequest(payload: unknown, { secret = SLACK_SECRET, timestamp = String(unix) } = {}) {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return {
      method: 'POST' as const,
      url: '/v1/integrations/slack/interactions',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': slackSignature(secret, timestamp, body) },
      payload: body,
    };
  }

  it('creates an item linking to the message and confirms ephemerally', async () => {
    const slack = await startReceiver();
    await withApp(
      async (t) => {
        const action = messageAction({ response_url: `${slack.url}/respond` });
        const answer = await t.app.inject(slackRequest(action));
        expect(answer.statusCode).toBe(200);
        const item = await t.store.items.bySource('slack', 'T012AB3C4:C0123ABCD:1772618400.000200');
        expect(item?.links[0]?.url).toBe('https://acme.slack.com/archives/C0123ABCD/p1772618400000200');
        expect(slack.requests).toHaveLength(1);
        expect(slack.requests[0]?.url).toBe('/respond');
        expect(JSON.parse(slack.requests[0]?.body ?? '')).toEqual({ response_type: 'ephemeral', replace_original: false, text: expect.stringMatching(/^Sent to Heed/) });

        await t.app.inject(slackRequest(action));
        expect(await inbox(t)).toHaveLength(1);
        expect(JSON.parse(slack.requests[1]?.body ?? '').text).toBe('This message is already in Heed.');
      },
      { fetch: globalThis.fetch },
    );
    await slack.close();
  });

  it('refuses a bad signature or a stale timestamp with 401, and a malformed payload with 400; stores nothing', () =>
    withApp(async (t) => {
      const bad = await t.app.inject(slackRequest(messageAction(), { secret: 'not-the-secret-0123456789' }));
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({ code: 'HEED_ERR_SIGNATURE', message: 'X-Slack-Signature does not verify' });
      const stale = await t.app.inject(slackRequest(messageAction(), { timestamp: String(unix - 301) }));
      expect(stale.statusCode).toBe(401);
      expect(stale.json().message).toContain('more than 5 minutes');
      const malformed = await t.app.inject(slackRequest({ ...messageAction(), message: undefined }));
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().message).toMatch(/^body\.payload\.message: /);
      expect(await inbox(t)).toEqual([]);
    }));
});

describe('GitHub webhook', () => {
  function delivery(event: string, payload: unknown, { secret = GITHUB_SECRET, id = crypto.randomUUID() as string } = {}) {
    const body = JSON.stringify(payload);
    return {
      method: 'POST' as const,
      url: '/v1/integrations/github',
      headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': githubSignature(secret, body) },
      payload: body,
    };
  }

  it('answers ping, takes a labelled issue once however often delivered, and a later close revises it', () =>
    withApp(async (t) => {
      expect((await t.app.inject(delivery('ping', { zen: 'Keep it logically awesome.' }))).statusCode).toBe(200);
      const opened = delivery('issues', issuesEvent(), { id: 'd-1' });
      const first = await t.app.inject(opened);
      expect(first.statusCode).toBe(202);
      expect((await t.app.inject(opened)).json()).toEqual({ id: first.json().id, duplicate: true });
      expect(await inbox(t)).toHaveLength(1);

      const closed = await t.app.inject(delivery('issues', issuesEvent({ action: 'closed', state: 'closed', labels: ['feedback', 'wontfix'], updatedAt: '2026-03-05T10:00:00Z' })));
      expect(closed.json()).toEqual({ id: first.json().id, revised: true });
      const item = await t.store.items.get(first.json().id);
      expect(item).toMatchObject({ routing: { owner: 'pm-editor' }, details: { state: 'closed', labels: 'feedback, wontfix' } });

      // A late redelivery of the earlier state changes nothing.
      const late = await t.app.inject(delivery('issues', issuesEvent({ action: 'reopened', state: 'open', updatedAt: '2026-03-04T11:00:00Z' })));
      expect(late.json()).toEqual({ id: first.json().id, revised: false });
      expect((await t.store.items.get(first.json().id))?.details.state).toBe('closed');

      const comment = await t.app.inject(delivery('issue_comment', issueCommentEvent()));
      expect(comment.statusCode).toBe(202);
      expect((await t.app.inject(delivery('issues', issuesEvent({ labels: ['bug'] })))).json()).toEqual({ ignored: 'no feedback label' });
      expect(await inbox(t)).toHaveLength(2);
    }));

  it('refuses a bad signature with 401 and malformed deliveries with 400; stores nothing', () =>
    withApp(async (t) => {
      const bad = await t.app.inject(delivery('issues', issuesEvent(), { secret: 'not-the-secret-0123456789' }));
      expect(bad.statusCode).toBe(401);
      expect(bad.json().message).toBe('X-Hub-Signature-256 does not verify');
      const unsigned = delivery('issues', issuesEvent());
      delete (unsigned.headers as Record<string, string>)['x-hub-signature-256'];
      expect((await t.app.inject(unsigned)).statusCode).toBe(401);
      const malformed = await t.app.inject(delivery('issues', { action: 'opened' }));
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().message).toMatch(/^body\.issue: /);
      const notJson = { ...delivery('issues', {}), payload: '{' };
      notJson.headers['x-hub-signature-256'] = githubSignature(GITHUB_SECRET, '{');
      expect((await t.app.inject(notJson)).json().message).toBe('body: is not valid JSON');
      expect(await inbox(t)).toEqual([]);
    }));
});

describe('case webhook', () => {
  function caseEvent(payload: unknown, { secret = CASES_SECRET, at = unix } = {}) {
    const body = JSON.stringify(payload);
    return { method: 'POST' as const, url: '/v1/integrations/cases', headers: { 'content-type': 'application/json', 'heed-signature': heedSignature(secret, body, at) }, payload: body };
  }

  it('takes a closed case once, with its facts in details', () =>
    withApp(async (t) => {
      const first = await t.app.inject(caseEvent(closedCase));
      expect(first.statusCode).toBe(202);
      expect((await t.app.inject(caseEvent(closedCase))).statusCode).toBe(200);
      expect(await t.store.items.get(first.json().id)).toMatchObject({ source: 'case', sourceId: '00001026', feedbackType: 'case-logic', details: { caseOwner: 'Sam Support', resolutionAction: 'Workaround given' } });
    }));

  it("accepts Zendesk's own webhook signature", () =>
    withApp(async (t) => {
      const body = JSON.stringify({ ...closedCase, caseId: 'zd-1' });
      const timestamp = now.toISOString();
      const answer = await t.app.inject({
        method: 'POST',
        url: '/v1/integrations/cases',
        headers: { 'content-type': 'application/json', 'x-zendesk-webhook-signature': zendeskSignature(CASES_SECRET, timestamp, body), 'x-zendesk-webhook-signature-timestamp': timestamp },
        payload: body,
      });
      expect(answer.statusCode).toBe(202);
    }));

  it('refuses a bad or stale signature (401) and a case without feedback (400); stores nothing', () =>
    withApp(async (t) => {
      expect((await t.app.inject(caseEvent(closedCase, { secret: 'not-the-secret-0123456789' }))).statusCode).toBe(401);
      expect((await t.app.inject(caseEvent(closedCase, { at: unix - 301 }))).statusCode).toBe(401);
      const noFeedback = await t.app.inject(caseEvent({ ...closedCase, feedback: '' }));
      expect(noFeedback.statusCode).toBe(400);
      expect(noFeedback.json().message).toBe("body.feedback: required (the case's Feedback text)");
      const badEmail = await t.app.inject(caseEvent({ ...closedCase, contactEmail: 'nope' }));
      expect(badEmail.json().message).toMatch(/^case\.customer\.contactEmail: /);
      expect(await inbox(t)).toEqual([]);
    }));
});

describe('CSV import', () => {
  const csv = 'Date,Subject,Feedback,Type\n2025-11-02,Slow search,Search is slow,Product\n2025-11-03,,Wants SSO,\n2025-11-04,,,\n';
  const url = '/v1/feedback/import?map.text=Feedback&map.title=Subject&map.occurredAt=Date&map.feedbackType=Type';

  it('imports a file twice and adds its items once', () =>
    withApp(async (t) => {
      const post = () => t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' }, payload: csv });
      const first = await post();
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ imported: 2, duplicates: 0, rejected: [{ row: 3, message: expect.stringMatching(/^Feedback: /) }] });
      expect((await post()).json()).toMatchObject({ imported: 0, duplicates: 2 });
      expect(await inbox(t)).toHaveLength(2);
    }));

  it('takes a JSON envelope too', () =>
    withApp(async (t) => {
      const answer = await t.app.inject({ method: 'POST', url: '/v1/feedback/import', headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, payload: { csv, mapping: { text: 'Feedback' }, source: 'support' } });
      expect(answer.json()).toMatchObject({ imported: 2 });
    }));

  it('refuses a bad mapping, a bad file, a missing token or an intake token; stores nothing', () =>
    withApp(async (t) => {
      const post = (target: string, body: string, token = ADMIN_TOKEN) => t.app.inject({ method: 'POST', url: target, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, payload: body });
      const noText = await post('/v1/feedback/import?map.title=Subject', csv);
      expect(noText.statusCode).toBe(400);
      expect(noText.json().message).toMatch(/^query\.map\.text: /);
      expect((await post('/v1/feedback/import?map.text=Notes', csv)).json().message).toContain('mapping.text: no column "Notes"');
      expect((await post(url, 'Feedback\n"unclosed\n')).statusCode).toBe(400);
      expect((await post(url, csv, CALLS_TOKEN)).statusCode).toBe(401);
      expect(await inbox(t)).toEqual([]);
    }));
});
