/**
 * What the load generator sends. Ingest: new answers to the demo config's surveys (a new submissionId each,
 * scores 0-10, a third with a comment, some cancel and uninstall reasons), counting each accepted answer
 * that routing will alert on. Page load: the widget's survey list for an identified user, a different
 * seeded person each time, so `seenBy` reads real displays.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Request } from 'autocannon';
import { userId } from '../scripts/seed-data.ts';

export interface AlertCounter {
  /** Accepted (202) answers that are detractors or carry a comment: each routes to an owner. */
  actionable: number;
  accepted: number;
}

const COMMENTS = ['The export dialog is slow on big documents', 'Bitte mehr Tastenkürzel', '<script>alert(1)</script> search is broken', ''];

function answer(): { body: string; actionable: boolean } {
  const pick = randomInt(0, 10);
  const comment = COMMENTS[randomInt(0, 3) === 0 ? randomInt(0, 3) : 3]!;
  const withComment = comment === '' ? {} : { comment };
  const plan = randomInt(0, 2) === 0 ? 'saas' : 'self-managed';
  const respondent = { userId: userId(randomInt(0, 100_000)) };
  let body: object;
  let actionable = comment !== '';
  if (pick < 8) {
    const score = randomInt(0, 11);
    actionable ||= score <= 6;
    body = { surveyId: 'app-nps', answers: { score, ...withComment }, respondent, context: { plan, url: 'https://app.example.com/editor', locale: 'en' } };
  } else if (pick === 8) {
    body = { surveyId: 'portal-cancel', answers: { reason: 'too-expensive', ...withComment }, respondent, context: { plan } };
  } else {
    body = { surveyId: 'extension-exit', answers: { reasons: ['too-slow'], ...withComment }, context: { extensionVersion: '3.1.2', installId: randomUUID() } };
  }
  return { body: JSON.stringify({ submissionId: randomUUID(), projectKey: 'pk_demo', ...body }), actionable };
}

export function ingestRequests(counter: AlertCounter): Request[] {
  return [
    {
      method: 'POST',
      path: '/v1/responses',
      headers: { 'content-type': 'application/json' },
      // One request at a time per connection: the context holds the one in flight when its answer comes.
      setupRequest: (request, context) => {
        const { body, actionable } = answer();
        (context as { actionable?: boolean }).actionable = actionable;
        return { ...request, body };
      },
      onResponse: (status, _body, context) => {
        if (status !== 202) return;
        counter.accepted += 1;
        if ((context as { actionable?: boolean }).actionable) counter.actionable += 1;
      },
    },
  ];
}

export function pageLoadRequests(people: number): Request[] {
  return [
    {
      method: 'GET',
      path: '/v1/projects/pk_demo/surveys',
      setupRequest: (request) => ({ ...request, path: `/v1/projects/pk_demo/surveys?userId=${userId(randomInt(0, people))}` }),
    },
  ];
}
