/**
 * A collector holding feedback from several sources for the console's inbox views: closed cases (two in the
 * trailing 2 weeks, one older) with their case facts, a forwarded email with hostile markup, a sales-call
 * note, and a survey answer with a comment. Outbound deliveries go to a receiver that takes everything.
 */
import { randomUUID } from 'node:crypto';
import type { FeedbackDraftInput } from '@heed/shared';
import { startCollector, TEST_ADMIN_TOKEN, type RunningCollector } from './start-collector.ts';

const DAY_MS = 24 * 3600 * 1000;

export interface SeededItems {
  collector: RunningCollector;
  ids: { call: string; recentCase: string; oldCase: string; email: string };
}

const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

function caseDraft(id: string, days: number, fields: Record<string, string>): FeedbackDraftInput {
  return {
    source: 'case',
    sourceId: id,
    feedbackType: fields.feedbackType ?? 'case-logic',
    title: fields.subject,
    text: fields.feedback ?? 'Feedback',
    customer: { accountName: fields.account ?? 'Initech', region: fields.region ?? 'EMEA', plan: 'saas' },
    reporter: { name: fields.caseOwner ?? 'Casey Support' },
    links: [{ rel: 'case', url: `https://support.example.com/cases/${id}`, title: `Case ${id}` }],
    occurredAt: daysAgo(days),
    details: {
      caseId: id,
      caseOwner: fields.caseOwner ?? 'Casey Support',
      caseType: fields.caseType ?? 'Problem',
      subject: fields.subject ?? 'Subject',
      description: fields.description ?? 'Description',
      resolutionAction: fields.resolutionAction ?? 'Workaround given',
      region: fields.region ?? 'EMEA',
    },
  };
}

export async function seedItems(): Promise<SeededItems> {
  const receiver: typeof fetch = async () => new Response('ok', { status: 200 });
  const collector = await startCollector({ fetch: receiver });
  const post = async (draft: FeedbackDraftInput): Promise<string> => {
    const res = await fetch(`${collector.url}/v1/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify(draft),
    });
    if (res.status !== 202) throw new Error(`POST /v1/feedback answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const answer = await fetch(`${collector.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ submissionId: randomUUID(), projectKey: 'pk_demo', surveyId: 'app-nps', answers: { score: 4, comment: 'The editor lags on big documents' }, respondent: { userId: 'u-1' }, context: { plan: 'saas' } }),
  });
  if (answer.status !== 202) throw new Error(`POST /v1/responses answered ${answer.status}`);

  const oldCase = await post(caseDraft('00001001', 30, { subject: 'Old export problem', feedback: 'Exports were slow last month' }));
  const recentCase = await post(
    caseDraft('00001002', 2, { subject: 'Cannot merge duplicate contacts', description: 'Customer has 4,000 duplicates after an import', resolutionAction: 'Merged by script', feedback: 'Merging should be possible in bulk', caseOwner: 'Riley Advocate', caseType: 'Question', region: 'APAC' }),
  );
  await post(caseDraft('00001003', 5, { subject: 'Escalation routing', feedback: 'Escalations go to the wrong queue', feedbackType: 'systems', caseOwner: 'Casey Support' }));
  const email = await post({
    source: 'email',
    sourceId: '<fwd-77@acme.example>',
    feedbackType: 'product',
    title: 'Fwd: Export is broken',
    text: 'PDF export drops images <img src=x onerror=alert(1)>',
    customer: { contactEmail: 'jane@globex.example' },
    reporter: { name: 'Pat PM', email: 'pat@acme.example' },
    occurredAt: daysAgo(1),
  });
  const call = await post({
    source: 'sales-call',
    sourceId: 'gong-8812',
    feedbackType: 'product',
    title: 'Audit logs',
    text: 'Globex needs audit logs before renewing',
    customer: { accountId: '0013000000ABC', accountName: 'Globex', plan: 'self-managed', region: 'EMEA' },
    reporter: { name: 'Sam Sales', email: 'sam@example.com' },
    links: [{ rel: 'recording', url: 'https://app.gong.example/call?id=8812', title: 'Call recording' }],
    occurredAt: daysAgo(3),
  });
  return { collector, ids: { call, recentCase, oldCase, email } };
}
