/**
 * GitHub deliveries (`issues`, `issue_comment`) as intake steps. An issue or a comment on an issue that
 * carries one of the configured labels is an item (source id: the issue's or comment's node id) linking
 * to it; later deliveries about the same issue (labelled, unlabelled, closed, reopened, edited) revise the
 * issue's item, with its state and labels in `details`. Anything else is acknowledged and ignored.
 */
import type { FeedbackDraftInput } from '@heed/shared';
import { z } from 'zod';
import type { ItemRevision } from '../store/store.ts';

const LabelSchema = z.object({ name: z.string() });
const UserSchema = z.object({ login: z.string() });

const IssueSchema = z.object({
  node_id: z.string().min(1),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  html_url: z.url(),
  state: z.string(),
  labels: z.array(LabelSchema).default([]),
  user: UserSchema.nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Present when the "issue" is a pull request. */
  pull_request: z.unknown().optional(),
});

const RepositorySchema = z.object({ full_name: z.string() });

export const IssuesEventSchema = z.object({
  action: z.string(),
  issue: IssueSchema,
  repository: RepositorySchema,
  sender: UserSchema.optional(),
});

export const IssueCommentEventSchema = z.object({
  action: z.string(),
  issue: IssueSchema,
  comment: z.object({
    node_id: z.string().min(1),
    body: z.string().nullable().optional(),
    html_url: z.url(),
    user: UserSchema.nullable().optional(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
  repository: RepositorySchema,
});

type Issue = z.infer<typeof IssueSchema>;

/** What to do with a delivery. `revise` may carry the draft to take in when the item is not there yet. */
export type GithubStep =
  | { kind: 'take'; draft: FeedbackDraftInput }
  | { kind: 'revise'; sourceId: string; revision: ItemRevision; updatedAt: string; orTake?: FeedbackDraftInput }
  | { kind: 'ignore'; reason: string }
  | { kind: 'invalid'; message: string };

export interface GithubSettings {
  labels: readonly string[];
  feedbackType?: string;
}

const REVISING_ACTIONS = new Set(['labeled', 'unlabeled', 'closed', 'reopened', 'edited']);

function isFeedback(issue: Issue, labels: readonly string[]): boolean {
  const wanted = new Set(labels.map((label) => label.toLowerCase()));
  return issue.labels.some((label) => wanted.has(label.name.toLowerCase()));
}

/** The issue's state and labels, as kept in `details` and revised by later deliveries. */
function issueDetails(issue: Issue, repository: string): Record<string, string> {
  return {
    repository,
    issue: String(issue.number),
    state: issue.state,
    labels: issue.labels.map((label) => label.name).join(', '),
    updatedAt: issue.updated_at,
  };
}

function issueDraft(issue: Issue, repository: string, settings: GithubSettings): FeedbackDraftInput {
  const author = issue.user?.login;
  return {
    source: 'github',
    sourceId: issue.node_id,
    ...(settings.feedbackType !== undefined && { feedbackType: settings.feedbackType }),
    title: issue.title.slice(0, 500),
    text: (issue.body?.trim() || issue.title).slice(0, 20_000),
    ...(author !== undefined && { reporter: { name: author } }),
    links: [{ rel: 'issue', url: issue.html_url, title: `${repository}#${issue.number}` }],
    occurredAt: issue.created_at,
    details: { ...issueDetails(issue, repository), ...(author !== undefined && { author }) },
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `body.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
}

/** The step for a delivery of event `event` (the `X-GitHub-Event` header) with JSON `payload`. */
export function githubStep(event: string, payload: unknown, settings: GithubSettings): GithubStep {
  if (event === 'issues') {
    const parsed = IssuesEventSchema.safeParse(payload);
    if (!parsed.success) return { kind: 'invalid', message: firstIssue(parsed.error) };
    const { action, issue, repository } = parsed.data;
    if (issue.pull_request !== undefined) return { kind: 'ignore', reason: 'a pull request' };
    const draft = issueDraft(issue, repository.full_name, settings);
    const feedback = isFeedback(issue, settings.labels);
    if (action === 'opened' || action === 'transferred') {
      return feedback ? { kind: 'take', draft } : { kind: 'ignore', reason: 'no feedback label' };
    }
    if (REVISING_ACTIONS.has(action)) {
      return {
        kind: 'revise',
        sourceId: issue.node_id,
        revision: {
          title: draft.title as string,
          text: draft.text,
          links: draft.links ?? [],
          details: issueDetails(issue, repository.full_name),
        },
        updatedAt: issue.updated_at,
        // Labelled as feedback after it was opened: it becomes an item now.
        ...(feedback && { orTake: draft }),
      };
    }
    return { kind: 'ignore', reason: `issues.${action}` };
  }
  if (event === 'issue_comment') {
    const parsed = IssueCommentEventSchema.safeParse(payload);
    if (!parsed.success) return { kind: 'invalid', message: firstIssue(parsed.error) };
    const { action, issue, comment, repository } = parsed.data;
    if (issue.pull_request !== undefined) return { kind: 'ignore', reason: 'a pull request comment' };
    if (!isFeedback(issue, settings.labels)) return { kind: 'ignore', reason: 'no feedback label on the issue' };
    const body = comment.body?.trim() ?? '';
    if (body === '') return { kind: 'ignore', reason: 'an empty comment' };
    const author = comment.user?.login;
    const draft: FeedbackDraftInput = {
      source: 'github',
      sourceId: comment.node_id,
      ...(settings.feedbackType !== undefined && { feedbackType: settings.feedbackType }),
      title: `Comment on ${issue.title}`.slice(0, 500),
      text: body.slice(0, 20_000),
      ...(author !== undefined && { reporter: { name: author } }),
      links: [
        { rel: 'comment', url: comment.html_url, title: `${repository.full_name}#${issue.number} comment` },
        { rel: 'issue', url: issue.html_url, title: `${repository.full_name}#${issue.number}` },
      ],
      occurredAt: comment.created_at,
      details: { repository: repository.full_name, issue: String(issue.number), issueNodeId: issue.node_id, updatedAt: comment.updated_at, ...(author !== undefined && { author }) },
    };
    if (action === 'created') return { kind: 'take', draft };
    if (action === 'edited') {
      return { kind: 'revise', sourceId: comment.node_id, revision: { text: draft.text, details: { updatedAt: comment.updated_at } }, updatedAt: comment.updated_at, orTake: draft };
    }
    return { kind: 'ignore', reason: `issue_comment.${action}` };
  }
  return { kind: 'ignore', reason: `event ${event}` };
}

/** True when a delivery describes the original as it was before what is stored (a late redelivery). */
export function isStale(storedUpdatedAt: string | undefined, updatedAt: string): boolean {
  return storedUpdatedAt !== undefined && Date.parse(updatedAt) < Date.parse(storedUpdatedAt);
}
