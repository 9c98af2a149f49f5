import { describe, expect, it } from 'vitest';
import { FeedbackDraftSchema } from '@heed/shared';
import { readSlackPayload, slackDraft, slackPermalink, slackText } from './slack.ts';
import { messageAction } from './test-fixtures.ts';

const form = (payload: unknown) => new URLSearchParams({ payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }).toString();

describe('readSlackPayload', () => {
  it('reads a message action', () => {
    const read = readSlackPayload(form(messageAction()));
    expect(read).toMatchObject({ kind: 'message_action', action: { callback_id: 'send_to_heed' } });
  });

  it.each([
    ['no payload field', 'foo=bar', 'body.payload: required'],
    ['a payload that is not JSON', form('{'), 'body.payload: is not valid JSON'],
    ['a payload without a message', form({ ...messageAction(), message: undefined }), 'body.payload.message: '],
    ['a bad response_url', form({ ...messageAction(), response_url: 'ftp://evil.example/' }), 'body.payload.response_url: '],
  ])('names the problem of %s', (_name, body, message) => {
    const read = readSlackPayload(body);
    expect(read.kind).toBe('invalid');
    expect(read.kind === 'invalid' && read.message).toContain(message);
  });

  it('tells other interactions apart', () => {
    expect(readSlackPayload(form({ type: 'block_actions' }))).toEqual({ kind: 'other', type: 'block_actions' });
  });
});

describe('slackDraft', () => {
  it('links to the message and keeps where it came from', () => {
    const draft = FeedbackDraftSchema.parse(slackDraft(messageAction(), 'product'));
    expect(draft).toEqual({
      source: 'slack',
      sourceId: 'T012AB3C4:C0123ABCD:1772618400.000200',
      feedbackType: 'product',
      text: 'Export to <PDF> drops images, see the doc (https://x.example/doc) @U0PM',
      customer: {},
      reporter: { name: 'pat' },
      links: [{ rel: 'message', url: 'https://acme.slack.com/archives/C0123ABCD/p1772618400000200', title: '#shared-customer-x' }],
      occurredAt: new Date('2026-03-04T10:00:00.000Z'),
      details: { slackTeam: 'T012AB3C4', slackChannel: 'C0123ABCD', slackChannelName: 'shared-customer-x', slackAuthor: 'U0CUST', slackReporter: 'U0PM' },
    });
  });

  it('links a reply in its thread, and falls back to app_redirect without a team domain', () => {
    const reply = messageAction({ message: { ts: '1772618500.000300', thread_ts: '1772618400.000200', text: 'x' } });
    expect(slackPermalink(reply)).toBe('https://acme.slack.com/archives/C0123ABCD/p1772618500000300?thread_ts=1772618400.000200&cid=C0123ABCD');
    expect(slackPermalink(messageAction({ team: { id: 'T012AB3C4' } }))).toBe('https://slack.com/app_redirect?team=T012AB3C4&channel=C0123ABCD');
  });
});

describe('slackText', () => {
  it.each([
    ['<!here> ping <#C1|general>', '@here ping #general'],
    ['mail <mailto:a@b.example|a@b.example>', 'mail a@b.example'],
    ['<https://x.example>', 'https://x.example'],
    ['a &amp;lt; b', 'a &lt; b'],
  ])('%s', (input, expected) => expect(slackText(input)).toBe(expected));
});
