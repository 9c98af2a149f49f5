import { describe, expect, it } from 'vitest';
import type { Owner } from '@heed/shared';
import { startReceiver, testAlert, testConfig } from '../domain/test-support.ts';
import { makeItem } from '../store/store-fixtures.ts';
import { httpPost } from './http-post.ts';
import { itemEmailMessage } from './item-email.ts';
import { sendSlackItem, slackItemMessage } from './item-slack.ts';
import { consoleItemUrl, itemDetails, itemHeadline } from './item-summary.ts';
import { itemWebhookBody, sendItemWebhook } from './item-webhook.ts';
import { COMMENT_CAP, SLACK_LIMITS } from './slack.ts';
import { verifyWebhookSignature } from './webhook.ts';

const secret = 'whsec-0123456789abcdef';
const config = testConfig({ publicUrl: 'https://heed.example.com/', feedbackTypes: [{ id: 'product', label: 'Product' }] });
// The config's owner as parsed (with every default), renamed to something that needs escaping.
const owner: Owner = { ...(testConfig().owners[0] as Owner), name: 'Editor <PM>' };
const hostile = 'Export <b>broken</b> & <!channel> <https://evil.example|click>';

describe('item summary', () => {
  it('heads with source, feedback type label and title; lists the customer, reporter and when', () => {
    const item = makeItem(1, { source: 'case', title: 'Export fails' });
    expect(itemHeadline(item, config)).toBe('🗂️ Case · Product · Export fails');
    expect(itemDetails(item, config)).toEqual([
      ['Source', 'Case'],
      ['Feedback type', 'Product'],
      ['Customer', 'Acme'],
      ['Account id', 'acct-1'],
      ['Plan', 'self-managed'],
      ['Region', 'emea'],
      ['Reporter', 'Sam Seller <sam@example.com>'],
      ['When', '2026-01-05T12:00:01.000Z'],
    ]);
    expect(consoleItemUrl('https://heed.example.com/', 'a/b')).toBe('https://heed.example.com/console/items/a%2Fb');
  });
});

describe('slackItemMessage', () => {
  it('escapes &, < and > in everything from the item and caps the text', () => {
    const item = makeItem(2, { source: 'slack', text: `${hostile}\n${'x'.repeat(5000)}`, customer: { accountName: 'A&B <Corp>' } });
    const message = slackItemMessage(item, owner, config);
    const json = JSON.stringify(message);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<b>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('A&amp;B &lt;Corp&gt;');
    expect(json).toContain('Editor &lt;PM&gt;');
    const feedback = message.blocks[1];
    expect(feedback?.type === 'section' && feedback.text?.text.length).toBeLessThanOrEqual(COMMENT_CAP + 20);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: '💬 Slack · Product · Feedback 2' } });
    const actions = message.blocks.find((block) => block.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((button) => button.url)).toEqual([
      'https://heed.example.com/console/items/item-2',
      'https://mail.example.com/2',
    ]);
    for (const block of message.blocks) {
      if (block.type === 'section') for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    }
  });

  it('posts to the owner Slack webhook, and fails without one', async () => {
    const receiver = await startReceiver();
    try {
      const item = makeItem(3, { text: hostile });
      const outcome = await sendSlackItem(testAlert({ channel: 'slack' }), item, { ...owner, slackWebhookUrl: `${receiver.url}/slack` }, config, httpPost);
      expect(outcome).toEqual({ status: 'delivered' });
      expect(JSON.parse(receiver.requests[0]?.body ?? '{}').text).toContain('Export &lt;b&gt;broken&lt;/b&gt; &amp;');
      expect(await sendSlackItem(testAlert(), item, owner, config, httpPost)).toMatchObject({ status: 'fail' });
    } finally {
      await receiver.close();
    }
  });
});

describe('item webhooks', () => {
  it('sends {type: "item.routed", id, item, owner, reasons} signed like answer alerts', async () => {
    const receiver = await startReceiver();
    const now = new Date('2026-03-04T10:00:00Z');
    try {
      const alert = testAlert({ _id: 'delivery-7', responseId: 'item-4' });
      const item = makeItem(4);
      const outcome = await sendItemWebhook(alert, item, { ...owner, webhookUrl: `${receiver.url}/hook`, webhookSecret: secret }, config, httpPost, { now });
      expect(outcome).toEqual({ status: 'delivered' });
      const request = receiver.requests[0];
      expect(request?.headers['heed-delivery-id']).toBe('delivery-7');
      expect(verifyWebhookSignature(secret, request?.body ?? '', String(request?.headers['heed-signature']), now)).toBe(true);
      const body = JSON.parse(request?.body ?? '{}');
      expect(body).toEqual({
        type: 'item.routed',
        id: 'delivery-7',
        item: expect.objectContaining({ id: 'item-4', source: 'email', text: 'Item number 4', occurredAt: '2026-01-05T12:00:04.000Z', customer: item.customer }),
        owner: { id: 'pm-editor', name: 'Editor <PM>' },
        reasons: ['route:0'],
      });
      expect(request?.body).toBe(itemWebhookBody(alert, item, { ...owner, webhookSecret: secret }));
    } finally {
      await receiver.close();
    }
  });
});

describe('itemEmailMessage', () => {
  it('escapes the item in the HTML part and keeps the subject on one line', () => {
    const item = makeItem(5, { title: 'Line one\r\nBcc: x@evil.example', text: hostile, links: [{ rel: 'case', url: 'https://crm.example.com/c?a=1&b=2' }] });
    const message = itemEmailMessage(item, owner, config);
    expect(message.subject).toBe('📧 Email · Product · Line one Bcc: x@evil.example');
    expect(message.html).not.toContain('<b>broken');
    expect(message.html).toContain('Export &lt;b&gt;broken&lt;/b&gt; &amp; &lt;!channel&gt;');
    expect(message.html).toContain('href="https://crm.example.com/c?a=1&amp;b=2"');
    expect(message.html).toContain('Routed to Editor &lt;PM&gt;');
    expect(message.text).toContain(`Feedback:\n${hostile}`);
    expect(message.text).toContain('Open in the console: https://heed.example.com/console/items/item-5');
  });
});
