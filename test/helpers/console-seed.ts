/**
 * A collector full enough for the console's views: NPS answers over ten weeks, cancel reasons over six
 * months for SaaS and self-managed, uninstalls of three extension versions, and alerts in every state.
 * Answers go through the public API, backdated with the collector's clock. Outbound deliveries go to a
 * fake receiver: Growth PM's webhook answers 410 the first time each delivery comes (so its alerts fail
 * until retried), a comment holding `SLOW` gets 503 (pending with a last error), all else 200.
 */
import { randomUUID } from 'node:crypto';
import type { SubmissionInput } from '@heed/shared';
import { startCollector, type RunningCollector } from './start-collector.ts';

const DAY_MS = 24 * 3600 * 1000;

export interface Seeded {
  collector: RunningCollector;
  /** Ids by role, for the tests to find. */
  ids: { detractor: string; pricing: string; slow: string };
}

type Plan = 'saas' | 'self-managed';
interface Answer {
  surveyId: string;
  answers: SubmissionInput['answers'];
  plan?: Plan;
  daysAgo: number;
  version?: string;
}

/** A small deterministic generator, so every run seeds the same answers. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export function consoleAnswers(): Answer[] {
  const random = generator(7);
  const answers: Answer[] = [];
  // NPS: ten weeks, more answers lately, a few comments.
  for (let week = 0; week < 10; week += 1) {
    const count = 3 + Math.floor(random() * 5);
    for (let index = 0; index < count; index += 1) {
      const score = Math.min(10, Math.floor(random() * 7) + (week < 4 ? 4 : 2));
      answers.push({ surveyId: 'app-nps', answers: { score }, plan: random() < 0.6 ? 'saas' : 'self-managed', daysAgo: week * 7 + 1 + Math.floor(random() * 5) });
    }
  }
  // Cancel reasons: six months, per plan.
  const cancelReasons = ['too-expensive', 'missing-features', 'not-using', 'switching', 'other'];
  for (let month = 0; month < 6; month += 1) {
    for (let index = 0; index < 4; index += 1) {
      const reason = cancelReasons[Math.floor(random() * cancelReasons.length)]!;
      answers.push({ surveyId: 'portal-cancel', answers: { reason }, plan: index % 2 === 0 ? 'saas' : 'self-managed', daysAgo: month * 30 + 35 + index });
    }
  }
  // Uninstalls by version.
  const uninstallReasons = ['not-useful', 'too-slow', 'privacy', 'switched', 'other'];
  ['1.9.2', '1.10.0', '2.0.0'].forEach((version, at) => {
    for (let index = 0; index < 3 + at * 2; index += 1) {
      answers.push({ surveyId: 'extension-exit', answers: { reasons: [uninstallReasons[Math.floor(random() * 5)]!] }, version, daysAgo: 40 - at * 15 + index });
    }
  });
  return answers;
}

/** The answers of the last days, with comments the tests look for. */
export const RECENT: Answer[] = [
  { surveyId: 'app-nps', answers: { score: 2, comment: 'Export keeps failing <b>again</b>' }, plan: 'saas', daysAgo: 0 },
  { surveyId: 'app-nps', answers: { score: 10, comment: 'Love the editor' }, plan: 'self-managed', daysAgo: 0 },
  { surveyId: 'portal-cancel', answers: { reason: 'too-expensive', comment: 'Pricing doubled at renewal' }, plan: 'saas', daysAgo: 2 },
  { surveyId: 'portal-cancel', answers: { reason: 'missing-features', comment: 'No SSO on our plan' }, plan: 'self-managed', daysAgo: 3 },
  { surveyId: 'portal-cancel', answers: { reason: 'not-using', comment: 'SLOW to get value' }, plan: 'saas', daysAgo: 5 },
  { surveyId: 'extension-exit', answers: { reasons: ['too-slow'], comment: 'Pages load slower' }, version: '2.0.0', daysAgo: 1 },
];

export async function seedConsole(): Promise<Seeded> {
  let now: Date | undefined;
  const seen = new Set<string>();
  const receiver: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const delivery = new Headers(init?.headers).get('heed-delivery-id') ?? '';
    if (body.includes('SLOW')) return new Response('busy', { status: 503 });
    if (String(input).includes('pm-growth') && !seen.has(delivery)) {
      seen.add(delivery);
      return new Response('gone', { status: 410 });
    }
    return new Response('ok', { status: 200 });
  };
  const collector = await startCollector({ clock: () => now ?? new Date(), fetch: receiver });
  const post = async (answer: Answer): Promise<string> => {
    now = new Date(Date.now() - answer.daysAgo * DAY_MS - 3600 * 1000);
    const body: SubmissionInput = {
      submissionId: randomUUID(),
      projectKey: 'pk_demo',
      surveyId: answer.surveyId,
      answers: answer.answers,
      respondent: { userId: `user-${randomUUID().slice(0, 8)}`, accountId: `acct-${answer.plan ?? 'ext'}` },
      context: { ...(answer.plan ? { plan: answer.plan } : {}), ...(answer.version ? { extensionVersion: answer.version, installId: 'inst-1' } : {}) },
    };
    const res = await fetch(`${collector.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 202) throw new Error(`POST /v1/responses answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  for (const answer of consoleAnswers()) await post(answer);
  const recent: string[] = [];
  for (const answer of RECENT) recent.push(await post(answer));
  now = undefined;
  return { collector, ids: { detractor: recent[0]!, pricing: recent[2]!, slow: recent[4]! } };
}
