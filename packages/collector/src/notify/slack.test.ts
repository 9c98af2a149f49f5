import { describe, expect, it } from 'vitest';
import type { Owner } from '@heed/shared';
import { startReceiver, testAlert, testConfig, testResponse } from '../domain/test-support.ts';
import { httpPost } from './http-post.ts';
import { COMMENT_CAP, SLACK_LIMITS, escapeCapped, sendSlack, slackMessage, type SlackBlock, type SlackMessage } from './slack.ts';

const owner: Owner = { id: 'pm-editor', name: 'Editor PM' };

/** Every Block Kit limit the message must respect; returns the violations. */
function blockKitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  check(message.blocks.length <= SLACK_LIMITS.blocks, `${message.blocks.length} blocks`);
  message.blocks.forEach((block: SlackBlock, i) => {
    switch (block.type) {
      case 'header':
        check(block.text.type === 'plain_text', `block ${i}: header must be plain_text`);
        check(block.text.text.length <= 150, `block ${i}: header ${block.text.text.length} chars`);
        break;
      case 'section':
        check(Boolean(block.text ?? block.fields?.length), `block ${i}: section needs text or fields`);
        check((block.text?.text.length ?? 0) <= 3000, `block ${i}: section text ${block.text?.text.length}`);
        check((block.fields?.length ?? 0) <= 10, `block ${i}: ${block.fields?.length} fields`);
        block.fields?.forEach((f, j) => check(f.text.length <= 2000, `block ${i} field ${j}: ${f.text.length} chars`));
        break;
      case 'context':
        check(block.elements.length >= 1 && block.elements.length <= 10, `block ${i}: ${block.elements.length} context elements`);
        break;
      case 'actions':
        check(block.elements.length <= 25, `block ${i}: ${block.elements.length} actions`);
        block.elements.forEach((b) => {
          check(b.text.text.length <= 75, `block ${i}: button text`);
          check(b.url.length <= 3000, `block ${i}: button url`);
        });
        break;
    }
  });
  return problems;
}

describe('slackMessage', () => {
  it('shows score, category, escaped comment, user context and a console link', () => {
    const response = testResponse();
    const message = slackMessage(response, owner, testConfig());
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔴 NPS 3 · detractor', emoji: true } });
    const json = JSON.stringify(message);
    expect(json).toContain('The editor &lt;b&gt;freezes&lt;/b&gt; &amp; loses my work');
    expect(json).not.toContain('<b>');
    expect(json).toContain('*Plan*\\nsaas');
    expect(json).toContain('*Account*\\nacct_9');
    expect(json).toContain('*Page*\\nhttps://app.example.com/doc/1');
    expect(json).toContain(`https://heed.example.com/console/responses/${response._id}`);
    expect(message.text).toContain('🔴 NPS 3 · detractor: The editor &lt;b&gt;');
    expect(blockKitViolations(message)).toEqual([]);
  });

  it('names cancel reasons by label and shows the extension version', () => {
    const message = slackMessage(
      testResponse({
        kind: 'uninstall',
        surveyId: 'extension-exit',
        productArea: 'extension',
        category: undefined,
        answers: { reasons: ['too-slow', 'privacy'] },
        hasComment: false,
        context: { extensionVersion: '1.2.3' },
      }),
      owner,
      testConfig({ publicUrl: undefined }),
    );
    expect(message.blocks[0]).toMatchObject({ text: { text: '🧩 Uninstall · Too slow, Privacy concerns' } });
    expect(JSON.stringify(message)).toContain('*Extension version*\\n1.2.3');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('stays within Block Kit limits for the largest response the API accepts', () => {
    const huge = '&<>'.repeat(1667) + '😀'; // 5000 chars, every one escaped to 4-5
    const message = slackMessage(
      testResponse({
        answers: { score: 0, comment: huge },
        respondent: { userId: '<'.repeat(200), accountId: '&'.repeat(200), anonymousId: 'x'.repeat(200) },
        context: {
          url: `https://example.com/${'&'.repeat(2020)}`,
          locale: '>'.repeat(35),
          extensionVersion: '<'.repeat(50),
          installId: 'i'.repeat(200),
          userAgent: 'u'.repeat(500),
        },
      }),
      { id: 'pm-x', name: '<&>'.repeat(66) },
      testConfig(),
    );
    expect(blockKitViolations(message)).toEqual([]);
    const commentBlock = message.blocks[1];
    expect(commentBlock?.type === 'section' && commentBlock.text?.text.length).toBeLessThanOrEqual(COMMENT_CAP + 20);
  });

  it('caps long headers from many reason labels', () => {
    const reasons = Array.from({ length: 30 }, (_, i) => ({ id: `r-${i}`, label: `A rather long reason label number ${i}` }));
    const config = testConfig({
      surveys: [{ id: 'portal-cancel', project: 'pk_test', kind: 'uninstall', productArea: 'billing', reasons }],
    });
    const message = slackMessage(
      testResponse({ kind: 'uninstall', surveyId: 'portal-cancel', answers: { reasons: reasons.map((r) => r.id) } }),
      owner,
      config,
    );
    expect(blockKitViolations(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ text: { text: expect.stringMatching(/…$/) } });
  });
  it('lets no respondent text mention anyone or forge a link', () => {
    const forged = '<!channel> <!here> <@U123> <#C123> <!subteam^S1|@team> <http://evil.example|Your bank> &lt;!everyone&gt;';
    const message = slackMessage(
      testResponse({
        answers: { score: 2, comment: forged },
        respondent: { userId: '<!channel>', accountId: '<@U999>' },
        context: { url: '<http://evil.example|https://app.example.com>', locale: '<!here>' },
      }),
      { id: 'pm-editor', name: '<!channel> PM' },
      testConfig(),
    );
    const texts = [message.text, ...message.blocks.flatMap(blockTexts)];
    expect(texts.join('\n')).toContain('&lt;!channel&gt;');
    for (const text of texts) {
      expect(text).not.toMatch(/[<>]/);
      expect(text).not.toContain('&lt;!everyone&gt;'); // an entity typed by the respondent stays literal text
    }
  });
});

/** The text of every text object in `block`. */
function blockTexts(block: SlackBlock): string[] {
  switch (block.type) {
    case 'header':
      return [block.text.text];
    case 'section':
      return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text)];
    case 'context':
      return block.elements.map((element) => element.text);
    case 'actions':
      return block.elements.map((element) => element.text.text);
  }
}

describe('escapeCapped', () => {
  it('never cuts inside an entity or a surrogate pair', () => {
    expect(escapeCapped('a&b', 10)).toBe('a&amp;b');
    expect(escapeCapped('ab&cd', 5)).toBe('ab…');
    expect(escapeCapped('😀😀😀', 4)).toBe('😀…');
  });
});

describe('sendSlack', () => {
  it('posts the message to the incoming webhook', async () => {
    const receiver = await startReceiver();
    try {
      const alert = testAlert({ channel: 'slack' });
      const outcome = await sendSlack(alert, testResponse(), { ...owner, slackWebhookUrl: `${receiver.url}/services/x` }, testConfig(), httpPost);
      expect(outcome).toEqual({ status: 'delivered' });
      expect(receiver.requests[0]?.url).toBe('/services/x');
      expect(JSON.parse(receiver.requests[0]?.body ?? '')).toEqual(slackMessage(testResponse(), owner, testConfig()));
    } finally {
      await receiver.close();
    }
  });
});
