import { describe, expect, it } from 'vitest';
import { createTransport } from 'nodemailer';
import { startReceiver } from '../../domain/test-support.ts';
import { slackSignature } from '../../intake/signatures.ts';
import { messageAction } from '../../intake/test-fixtures.ts';
import { verifyWebhookSignature } from '../../notify/webhook.ts';
import { buildTestApp, httpTestConfig } from '../test-support.ts';

const OWNER_SECRET = 'owner-secret-0123456789';
const SLACK_SECRET = 'slack-signing-secret-0123456789';

function config(receiverUrl: string) {
  return httpTestConfig({
    owners: [
      { id: 'pm-editor', name: 'Editor PM', webhookUrl: `${receiverUrl}/hook`, webhookSecret: OWNER_SECRET },
      { id: 'pm-growth', name: 'Growth PM', slackWebhookUrl: `${receiverUrl}/slack` },
    ],
    routes: [
      { when: { source: 'email' }, owner: 'pm-editor' },
      { when: { source: 'slack' }, owner: 'pm-growth' },
    ],
    intake: {
      email: { port: 0, host: '127.0.0.1', acceptDomains: ['feedback.acme.example'], maxBytes: 64 * 1024 },
      slack: { signingSecret: SLACK_SECRET },
    },
  });
}

describe('alerts about intake items reach their owner', () => {
  it('an email sent over SMTP arrives at the owner webhook, signed, as item.routed', { timeout: 20_000 }, async () => {
    const receiver = await startReceiver();
    // The worker never polls nor is woken by itself here: the test runs it once the item is stored.
    const t = await buildTestApp({ config: config(receiver.url), outbox: { pollMs: 3_600_000, wake: false }, fetch: globalThis.fetch });
    try {
      const transport = createTransport({ host: '127.0.0.1', port: t.app.emailIntake?.port, secure: false, ignoreTLS: true });
      await transport.sendMail({
        from: 'Pat PM <pat@acme.example>',
        to: 'feedback@feedback.acme.example',
        subject: 'Fwd: Export is broken',
        messageId: '<fwd-9@acme.example>',
        text: 'See below\n\n---------- Forwarded message ---------\nFrom: Jane <jane@globex.example>\nDate: Tue, Mar 3, 2026 at 4:00 PM\nSubject: Export is broken\nTo: support@acme.example\n\nPDF export drops <images> & tables.\n',
      });
      transport.close();
      const item = await t.store.items.bySource('email', '<fwd-9@acme.example>');
      expect(item?.routing).toMatchObject({ status: 'routed', owner: 'pm-editor' });

      expect(await t.app.outbox.runOnce()).toBe(1);
      const [request] = receiver.requests;
      expect(request?.url).toBe('/hook');
      expect(verifyWebhookSignature(OWNER_SECRET, request?.body ?? '', String(request?.headers['heed-signature']), new Date())).toBe(true);
      const body = JSON.parse(request?.body ?? '{}');
      expect(body).toMatchObject({
        type: 'item.routed',
        id: request?.headers['heed-delivery-id'],
        item: { id: item?._id, source: 'email', title: 'Export is broken', text: 'PDF export drops <images> & tables.', customer: { contactEmail: 'jane@globex.example' }, reporter: { email: 'pat@acme.example' } },
        owner: { id: 'pm-editor', name: 'Editor PM' },
      });
      const [alert] = await t.store.alerts.page({ responseId: item?._id as string }, 10);
      expect(alert).toMatchObject({ status: 'delivered', channel: 'webhook', _id: body.id });
    } finally {
      await t.close();
      await receiver.close();
    }
  });

  it("a Slack-sourced item's Slack alert escapes hostile text", async () => {
    const receiver = await startReceiver();
    const t = await buildTestApp({ config: config(receiver.url), outbox: { pollMs: 3_600_000, wake: false }, fetch: globalThis.fetch });
    try {
      const action = messageAction({
        response_url: `${receiver.url}/respond`,
        message: { ts: '1772618400.000300', user: 'U0CUST', text: 'Pricing is &lt;!channel&gt; broken &amp; &lt;script&gt;alert(1)&lt;/script&gt;' },
      });
      const body = new URLSearchParams({ payload: JSON.stringify(action) }).toString();
      const timestamp = String(Math.floor(Date.now() / 1000));
      const answer = await t.app.inject({
        method: 'POST',
        url: '/v1/integrations/slack/interactions',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': slackSignature(SLACK_SECRET, timestamp, body) },
        payload: body,
      });
      expect(answer.statusCode).toBe(200);

      // Slack sends what people typed entity-encoded; the item holds it as they typed it.
      const [entry] = await t.store.items.page({ source: 'slack' }, 1);
      expect(entry?.source === 'slack' && entry.item.text).toBe('Pricing is <!channel> broken & <script>alert(1)</script>');

      expect(await t.app.outbox.runOnce()).toBe(1);
      const slack = receiver.requests.find((request) => request.url === '/slack');
      const message = JSON.parse(slack?.body ?? '{}');
      const serialized = JSON.stringify(message);
      expect(serialized).not.toContain('<!channel>');
      expect(serialized).not.toContain('<script>');
      expect(message.blocks[1].text.text).toBe('*Feedback*\nPricing is &lt;!channel&gt; broken &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(message.blocks[0].text.text).toMatch(/^💬 Slack/);
      expect(message.blocks.find((block: { type: string }) => block.type === 'actions').elements.map((button: { url: string }) => button.url)).toContain(
        'https://acme.slack.com/archives/C0123ABCD/p1772618400000300',
      );
    } finally {
      await t.close();
      await receiver.close();
    }
  });
});
