import { describe, expect, it } from 'vitest';
import type { Digest } from '../domain/digest.ts';
import { SLACK_LIMITS } from './slack.ts';
import { DIGEST_COMMENT_CAP, digestSlackMessage, digestSubject, renderDigestHtml, renderDigestText } from './digest-render.ts';

const hostile = '<script>alert("x")</script> & <b>bold</b>';

function digest(overrides: Partial<Digest> = {}): Digest {
  return {
    owner: { id: 'pm-editor', name: 'Editor <PM>' },
    periodKey: '2026-03-06',
    timeZone: 'Europe/Berlin',
    week: {
      start: '2026-02-27T15:00:00.000Z',
      end: '2026-03-06T15:00:00.000Z',
      responses: 12,
      comments: 3,
      promoters: 5,
      passives: 2,
      detractors: 3,
      nps: 20,
    },
    priorWeek: {
      start: '2026-02-20T15:00:00.000Z',
      end: '2026-02-27T15:00:00.000Z',
      responses: 4,
      comments: 0,
      promoters: 1,
      passives: 1,
      detractors: 2,
      nps: -25,
    },
    topReasons: {
      cancel: [{ id: 'too-expensive', label: 'Too expensive', count: 2 }],
      uninstall: [{ id: 'privacy', label: 'Privacy & <tracking>', count: 1 }],
    },
    comments: [
      {
        id: 'r1',
        surveyId: 'app-nps',
        kind: 'nps',
        score: 3,
        category: 'detractor',
        plan: 'saas',
        comment: hostile,
        receivedAt: '2026-03-05T23:30:00.000Z',
        status: 'new',
      },
    ],
    openTriage: 7,
    failedAlerts: [],
    consoleUrl: 'https://heed.example.com/console?a=1&b=2',
    ...overrides,
  };
}

describe('renderDigestText', () => {
  it('says the numbers, the period in the digest time zone and the comments', () => {
    const text = renderDigestText(digest());
    expect(text).toContain('Heed weekly digest for Editor <PM>');
    expect(text).toContain('Fri 27 Feb 2026, 16:00 to Fri 6 Mar 2026, 16:00 (Europe/Berlin)');
    expect(text).toContain('NPS: 20 (prior week: -25, +45)');
    expect(text).toContain('Responses: 12 (3 with a comment)');
    expect(text).toContain('Open triage items: 7');
    expect(text).toContain('  - Too expensive: 2');
    // 23:30 UTC on the 5th is already Friday the 6th in Berlin.
    expect(text).toContain('NPS 3 (detractor), saas, app-nps, Fri 6 Mar');
    expect(text).toContain(`"${hostile}"`);
    expect(text).toContain('Open the console: https://heed.example.com/console?a=1&b=2');
  });

  it('tells an empty week apart from an NPS of zero', () => {
    const empty = { ...digest().week, responses: 0, comments: 0, promoters: 0, passives: 0, detractors: 0, nps: null };
    const text = renderDigestText(digest({ week: empty, comments: [], topReasons: { cancel: [], uninstall: [] } }));
    expect(text).toContain('NPS: no answers (prior week: -25)');
    expect(text).toContain('No comments this week.');
    expect(text).not.toContain('Top cancel reasons');
    expect(digestSubject(digest({ week: empty }))).toBe('Heed weekly digest for Editor <PM>: NPS no answers, 0 responses');
  });

  it('cuts long comments', () => {
    const long = 'é'.repeat(DIGEST_COMMENT_CAP * 2);
    const text = renderDigestText(digest({ comments: [{ ...digest().comments[0]!, comment: long }] }));
    expect(text).toContain(`"${'é'.repeat(DIGEST_COMMENT_CAP - 1)}…"`);
  });
});

describe('renderDigestHtml', () => {
  it('escapes everything that came from respondents or the config', () => {
    const html = renderDigestHtml(digest());
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('Editor &lt;PM&gt;');
    expect(html).toContain('Privacy &amp; &lt;tracking&gt;: 1');
    expect(html).toContain('<a href="https://heed.example.com/console?a=1&amp;b=2">');
  });
});

describe('digestSlackMessage', () => {
  it('escapes mrkdwn', () => {
    const message = digestSlackMessage(digest());
    const texts = message.blocks.flatMap((block) =>
      block.type === 'section' ? [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)] : [],
    );
    expect(texts.join('\n')).not.toMatch(/<(?!http)/);
    expect(texts).toContainEqual(expect.stringContaining('&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'));
    expect(texts).toContainEqual(expect.stringContaining('Privacy &amp; &lt;tracking&gt;: 1'));
    expect(message.text).toBe('Heed weekly digest for Editor &lt;PM&gt;: NPS 20, 12 responses');
  });

  it('stays within Block Kit limits whatever the comments hold', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...digest().comments[0]!, id: `r${i}`, comment: '>'.repeat(4000) }));
    const message = digestSlackMessage(digest({ comments: many }));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of message.blocks) {
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
  });

  it('quotes a comment line by line', () => {
    const message = digestSlackMessage(digest({ comments: [{ ...digest().comments[0]!, comment: 'one\ntwo <x>' }] }));
    const quoted = message.blocks.find((block) => block.type === 'section' && block.text?.text.includes('one'));
    expect(quoted).toMatchObject({ text: { text: expect.stringContaining('>one\n>two &lt;x&gt;') } });
  });
});

describe('failed alerts in the digest', () => {
  const failed = digest({
    failedAlerts: [
      {
        id: 'a1',
        responseId: 'r1',
        channel: 'webhook',
        attempts: 13,
        failedAt: '2026-03-05T10:00:00.000Z',
        lastError: `HTTP 503 ${hostile}`,
      },
    ],
  });

  it('lists each alert given up during the week, in every rendering, escaped for each', () => {
    const text = renderDigestText(failed);
    expect(text).toContain('1 alert could not be delivered:');
    expect(text).toContain('webhook, response r1, given up Thu 5 Mar 2026, 11:00 after 13 attempts: HTTP 503');

    const html = renderDigestHtml(failed);
    expect(html).toContain('<h3>1 alert could not be delivered</h3>');
    expect(html).toContain('HTTP 503 &lt;script&gt;');
    expect(html).not.toContain('<script>');

    const slack = JSON.stringify(digestSlackMessage(failed));
    expect(slack).toContain('1 alert could not be delivered');
    expect(slack).toContain('HTTP 503 &lt;script&gt;');
    expect(slack).not.toContain('<script>');
  });

  it('says nothing about alerts when none failed', () => {
    expect(renderDigestText(digest())).not.toContain('could not be delivered');
    expect(renderDigestHtml(digest())).not.toContain('could not be delivered');
  });
});
