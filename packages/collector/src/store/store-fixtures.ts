/** Valid documents for the store tests, one builder per aggregate; each takes overrides. */
import type { AlertDoc, DisplayDoc, ItemDoc, ResponseDoc } from './store.ts';

/** The contract cases' clock: 2026-01-05 12:00 UTC, and `at(s)` that many seconds later. */
export const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
export const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

export function makeResponse(n: number, overrides: Partial<ResponseDoc> = {}): ResponseDoc {
  const receivedAt = new Date(Date.UTC(2026, 0, 5, 12, 0, n));
  return {
    _id: `resp-${n}`,
    submissionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    projectKey: 'pk_demo',
    surveyId: 'app-nps',
    kind: 'nps',
    productArea: 'editor',
    answers: { score: n % 11 },
    category: n % 11 <= 6 ? 'detractor' : n % 11 <= 8 ? 'passive' : 'promoter',
    hasComment: false,
    respondent: { userId: `user-${n}` },
    context: { plan: 'saas', locale: 'en' },
    plan: 'saas',
    receivedAt,
    day: receivedAt.toISOString().slice(0, 10),
    routing: { status: 'skipped', reason: 'not-actionable' },
    triage: { status: 'new', tags: [], history: [] },
    ...overrides,
  };
}

export function makeAlert(n: number, overrides: Partial<AlertDoc> = {}): AlertDoc {
  const createdAt = new Date(Date.UTC(2026, 0, 5, 12, 0, n));
  return {
    _id: `alert-${n}`,
    responseId: `resp-${n}`,
    ownerId: 'pm-editor',
    channel: 'slack',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: createdAt,
    createdAt,
    ...overrides,
  };
}

export function makeDisplay(n: number, overrides: Partial<DisplayDoc> = {}): DisplayDoc {
  return {
    _id: `display-${n}`,
    projectKey: 'pk_demo',
    surveyId: 'app-nps',
    event: 'shown',
    userId: `user-${n}`,
    at: new Date(Date.UTC(2026, 0, 5, 12, 0, n)),
    ...overrides,
  };
}

export function makeItem(n: number, overrides: Partial<ItemDoc> = {}): ItemDoc {
  const occurredAt = new Date(Date.UTC(2026, 0, 5, 12, 0, n));
  return {
    _id: `item-${n}`,
    source: 'email',
    sourceId: `<message-${n}@mail.example.com>`,
    feedbackType: 'product',
    title: `Feedback ${n}`,
    text: `Item number ${n}`,
    customer: { accountId: `acct-${n}`, accountName: 'Acme', plan: 'self-managed', region: 'emea' },
    reporter: { name: 'Sam Seller', email: 'sam@example.com' },
    links: [{ rel: 'message', url: `https://mail.example.com/${n}` }],
    occurredAt,
    receivedAt: new Date(occurredAt.getTime() + 60_000),
    details: {},
    routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
    triage: { status: 'new', tags: [], history: [] },
    ...overrides,
  };
}
