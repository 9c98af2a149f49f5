import { describe, expect, it } from 'vitest';
import { HeedConfigSchema, type HeedConfigInput } from './index.ts';

const base: HeedConfigInput = {
  projects: [{ key: 'pk_test', name: 'Test' }],
  owners: [{ id: 'pm-a', name: 'A' }],
};

function issues(config: Partial<HeedConfigInput>): string[] {
  const result = HeedConfigSchema.safeParse({ ...base, ...config });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('feedback types and intake config', () => {
  it('defaults to a list of feedback types and no intake path', () => {
    const config = HeedConfigSchema.parse(base);
    expect(config.feedbackTypes.map((type) => type.id)).toEqual(['product', 'case-logic', 'customer-experience', 'systems']);
    expect(config.intake).toEqual({ tokens: [] });
  });

  it('fills in the defaults of each path', () => {
    const config = HeedConfigSchema.parse({
      ...base,
      intake: {
        email: { acceptDomains: ['Feedback.Example.com'] },
        slack: { signingSecret: '0123456789abcdef0123' },
        github: { webhookSecret: '0123456789abcdef0123' },
        cases: { secret: '0123456789abcdef0123' },
      },
    });
    expect(config.intake.email).toEqual({ port: 2525, host: '0.0.0.0', acceptDomains: ['feedback.example.com'], maxBytes: 10 * 1024 * 1024 });
    expect(config.intake.slack?.callbackId).toBe('send_to_heed');
    expect(config.intake.github?.labels).toEqual(['feedback']);
    expect(config.intake.cases?.fieldMap).toEqual({});
  });

  it('routes may match source, feedback type and region', () => {
    expect(issues({ routes: [{ when: { source: 'github', feedbackType: 'product', region: 'emea' }, owner: 'pm-a' }] })).toEqual([]);
  });

  it.each<[string, Partial<HeedConfigInput>, string]>([
    ['an unknown feedback type in a route', { routes: [{ when: { feedbackType: 'nope' }, owner: 'pm-a' }] }, 'routes.0.when.feedbackType: unknown feedback type "nope"'],
    ['an unknown source in a route', { routes: [{ when: { source: 'fax' as never }, owner: 'pm-a' }] }, 'routes.0.when.source: Invalid option'],
    ['a duplicate feedback type', { feedbackTypes: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] }, 'feedbackTypes.1.id: duplicate id "a"'],
    ['an unknown DRI', { feedbackTypes: [{ id: 'a', label: 'A', primaryOwner: 'pm-x' }] }, 'feedbackTypes.0.primaryOwner: unknown owner "pm-x"'],
    ['a short intake token', { intake: { tokens: [{ source: 'sales-call', token: 'short' }] } }, 'intake.tokens.0.token: must be at least 16 characters'],
    ['a token for the survey source', { intake: { tokens: [{ source: 'survey' as never, token: '0123456789abcdef' }] } }, 'intake.tokens.0.source: Invalid option'],
    ['a repeated token', { intake: { tokens: [{ source: 'manual', token: '0123456789abcdef' }, { source: 'sales-call', token: '0123456789abcdef' }] } }, 'intake.tokens.1.token: the same token is listed twice'],
    ['a short Slack secret', { intake: { slack: { signingSecret: 'x' } } }, 'intake.slack.signingSecret: must be at least 16 characters'],
    ['an email path without domains', { intake: { email: { acceptDomains: [] } } }, 'intake.email.acceptDomains: Too small'],
    ['a bad domain', { intake: { email: { acceptDomains: ['@example.com'] } } }, 'intake.email.acceptDomains.0: must be a domain name'],
    ['an unknown field', { intake: { email: { acceptDomains: ['example.com'], tls: true } as never } }, 'intake.email: Unrecognized key: "tls"'],
    ['an unknown case field', { intake: { cases: { secret: '0123456789abcdef', fieldMap: { owner: 'Owner.Name' } as never } } }, 'intake.cases.fieldMap: Unrecognized key: "owner"'],
    ['an unknown default type', { intake: { github: { webhookSecret: '0123456789abcdef', feedbackType: 'nope' } } }, 'intake.github.feedbackType: unknown feedback type "nope"'],
  ])('names the path of %s', (_name, config, expected) => {
    expect(issues(config).join('\n')).toContain(expected);
  });

  it('never repeats a secret in a message', () => {
    const token = '0123456789abcdef-secret';
    const messages = issues({ intake: { tokens: [{ source: 'manual', token }, { source: 'manual', token }] } });
    expect(messages.join('\n')).not.toContain(token);
  });
});
