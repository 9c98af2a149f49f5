/** Test fixtures for the intake paths: payloads shaped like what Slack and GitHub send. Not imported by production code. */
import type { SlackMessageAction } from './slack.ts';

export function messageAction(overrides: Partial<SlackMessageAction> = {}): SlackMessageAction {
  return {
    type: 'message_action',
    callback_id: 'send_to_heed',
    response_url: 'https://hooks.slack.com/app/T012/345/abc',
    team: { id: 'T012AB3C4', domain: 'acme' },
    channel: { id: 'C0123ABCD', name: 'shared-customer-x' },
    user: { id: 'U0PM', name: 'pat' },
    message: { ts: '1772618400.000200', user: 'U0CUST', text: 'Export to &lt;PDF&gt; drops images, see <https://x.example/doc|the doc> <@U0PM>' },
    ...overrides,
  };
}

export interface IssueFields {
  action?: string;
  state?: string;
  labels?: string[];
  updatedAt?: string;
  body?: string | null;
}

export function issue({ state = 'open', labels = ['feedback'], updatedAt = '2026-03-04T10:00:00Z', body = 'Exports drop the images.' }: IssueFields = {}) {
  return {
    node_id: 'I_kwDOAbc123',
    number: 42,
    title: 'PDF export loses images',
    body,
    html_url: 'https://github.com/acme/app/issues/42',
    state,
    labels: labels.map((name) => ({ id: 1, name, color: 'ededed' })),
    user: { login: 'octocat', id: 1 },
    created_at: '2026-03-04T09:00:00Z',
    updated_at: updatedAt,
  };
}

export function issuesEvent(fields: IssueFields = {}) {
  return { action: fields.action ?? 'opened', issue: issue(fields), repository: { id: 7, full_name: 'acme/app' }, sender: { login: 'octocat' } };
}

export function issueCommentEvent(fields: IssueFields & { comment?: string } = {}) {
  return {
    action: fields.action ?? 'created',
    issue: issue(fields),
    comment: {
      node_id: 'IC_kwDOAbc999',
      body: fields.comment ?? 'Same for us on self-managed.',
      html_url: 'https://github.com/acme/app/issues/42#issuecomment-999',
      user: { login: 'hubot' },
      created_at: '2026-03-04T11:00:00Z',
      updated_at: '2026-03-04T11:00:00Z',
    },
    repository: { id: 7, full_name: 'acme/app' },
  };
}

/** A closed case as a helpdesk sends it to `POST /v1/integrations/cases` without a field map. */
export const closedCase = {
  event: 'case.closed',
  caseId: '00001026',
  url: 'https://acme.my.salesforce.com/5003000000D8cuI',
  status: 'Closed',
  subject: 'Rules fire twice',
  description: 'Escalation rule ran twice on one case',
  caseType: 'Problem',
  caseOwner: 'Sam Support',
  caseOwnerEmail: 'sam@acme.example',
  region: 'EMEA',
  feedbackType: 'Case logic',
  feedback: 'Customers want a dry-run for escalation rules',
  resolutionAction: 'Workaround given',
  closedAt: '2026-03-03T16:00:00Z',
  accountId: '0013000000ABC',
  accountName: 'Globex',
  plan: 'Self-Hosted',
};
