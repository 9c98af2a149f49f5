import { describe, expect, it } from 'vitest';
import { FeedbackDraftSchema } from '@heed/shared';
import { githubStep, isStale } from './github.ts';
import { issueCommentEvent, issuesEvent } from './test-fixtures.ts';

const settings = { labels: ['Feedback'], feedbackType: 'product' };

describe('githubStep', () => {
  it('takes in an issue opened with a feedback label, linking to it', () => {
    const step = githubStep('issues', issuesEvent({ labels: ['bug', 'feedback'] }), settings);
    expect(step.kind).toBe('take');
    const draft = FeedbackDraftSchema.parse(step.kind === 'take' && step.draft);
    expect(draft).toEqual({
      source: 'github',
      sourceId: 'I_kwDOAbc123',
      feedbackType: 'product',
      title: 'PDF export loses images',
      text: 'Exports drop the images.',
      customer: {},
      reporter: { name: 'octocat' },
      links: [{ rel: 'issue', url: 'https://github.com/acme/app/issues/42', title: 'acme/app#42' }],
      occurredAt: new Date('2026-03-04T09:00:00Z'),
      details: { repository: 'acme/app', issue: '42', state: 'open', labels: 'bug, feedback', updatedAt: '2026-03-04T10:00:00Z', author: 'octocat' },
    });
  });

  it('uses the title as text when the issue has no body', () => {
    const step = githubStep('issues', issuesEvent({ body: null }), settings);
    expect(step.kind === 'take' && step.draft.text).toBe('PDF export loses images');
  });

  it('ignores issues without the label, pull requests and other events', () => {
    expect(githubStep('issues', issuesEvent({ labels: ['bug'] }), settings)).toEqual({ kind: 'ignore', reason: 'no feedback label' });
    expect(githubStep('issues', { ...issuesEvent(), issue: { ...issuesEvent().issue, pull_request: {} } }, settings).kind).toBe('ignore');
    expect(githubStep('issues', issuesEvent({ action: 'assigned' }), settings)).toEqual({ kind: 'ignore', reason: 'issues.assigned' });
    expect(githubStep('push', {}, settings)).toEqual({ kind: 'ignore', reason: 'event push' });
  });

  it.each(['closed', 'reopened', 'labeled', 'unlabeled', 'edited'])('revises the item on %s, with state and labels', (action) => {
    const step = githubStep('issues', issuesEvent({ action, state: 'closed', labels: ['feedback', 'done'], updatedAt: '2026-03-05T10:00:00Z' }), settings);
    expect(step).toMatchObject({
      kind: 'revise',
      sourceId: 'I_kwDOAbc123',
      updatedAt: '2026-03-05T10:00:00Z',
      revision: { title: 'PDF export loses images', details: { state: 'closed', labels: 'feedback, done', updatedAt: '2026-03-05T10:00:00Z' } },
      orTake: { sourceId: 'I_kwDOAbc123' },
    });
  });

  it('revises without taking in once the label is gone', () => {
    const step = githubStep('issues', issuesEvent({ action: 'unlabeled', labels: [] }), settings);
    expect(step.kind).toBe('revise');
    expect(step.kind === 'revise' && step.orTake).toBeUndefined();
  });

  it('takes in a comment on a feedback issue, linking to both', () => {
    const step = githubStep('issue_comment', issueCommentEvent(), settings);
    expect(step).toMatchObject({
      kind: 'take',
      draft: {
        sourceId: 'IC_kwDOAbc999',
        text: 'Same for us on self-managed.',
        reporter: { name: 'hubot' },
        links: [{ rel: 'comment', url: 'https://github.com/acme/app/issues/42#issuecomment-999' }, { rel: 'issue', url: 'https://github.com/acme/app/issues/42' }],
      },
    });
    expect(githubStep('issue_comment', issueCommentEvent({ labels: ['bug'] }), settings).kind).toBe('ignore');
    expect(githubStep('issue_comment', issueCommentEvent({ comment: '  ' }), settings).kind).toBe('ignore');
    expect(githubStep('issue_comment', issueCommentEvent({ action: 'edited' }), settings).kind).toBe('revise');
  });

  it('names the field of a malformed delivery', () => {
    expect(githubStep('issues', { action: 'opened', repository: { full_name: 'a/b' } }, settings)).toEqual({ kind: 'invalid', message: expect.stringMatching(/^body\.issue: /) });
    expect(githubStep('issue_comment', { ...issueCommentEvent(), comment: { node_id: 'x' } }, settings)).toEqual({ kind: 'invalid', message: expect.stringMatching(/^body\.comment\./) });
  });
});

describe('isStale', () => {
  it('is true only for a delivery older than what is stored', () => {
    expect(isStale(undefined, '2026-03-04T10:00:00Z')).toBe(false);
    expect(isStale('2026-03-04T10:00:00Z', '2026-03-04T10:00:00Z')).toBe(false);
    expect(isStale('2026-03-05T10:00:00Z', '2026-03-04T10:00:00Z')).toBe(true);
  });
});
