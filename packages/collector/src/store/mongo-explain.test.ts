import type { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heldByQuery } from './mongo-contacts.ts';
import { issuesAfter } from './mongo-issues.ts';
import { afterPosition, inboxQuery, NEWEST_FIRST, responseQuery } from './mongo-items.ts';
import { onFerret, openIsolatedMongoStore, type IsolatedMongoStore } from './mongo-test-support.ts';
import { makeAlert, makeDisplay, makeItem, makeResponse } from './store-fixtures.ts';

const now = new Date(Date.UTC(2026, 0, 5, 12, 30));
const position = { at: now, id: 'resp-5' };

/** Every query shape the repositories run, as the `find` the server plans (a findAndModify plans its query the same way). */
const SHAPES: { name: string; collection: string; filter: mongo.Document; sort?: mongo.Document }[] = [
  { name: 'responses: first page', collection: 'items', filter: responseQuery({}), sort: NEWEST_FIRST },
  { name: 'responses: page after a position', collection: 'items', filter: responseQuery({}, position), sort: NEWEST_FIRST },
  { name: 'responses: by survey', collection: 'items', filter: responseQuery({ surveyId: 'app-nps' }), sort: NEWEST_FIRST },
  { name: 'responses: by owner', collection: 'items', filter: responseQuery({ owner: 'pm-editor' }), sort: NEWEST_FIRST },
  { name: 'responses: filtered (comment, plan, status, range)', collection: 'items', filter: responseQuery({ hasComment: true, plan: 'saas', status: ['new'], from: new Date(0), to: now }), sort: NEWEST_FIRST },
  { name: 'responses: any of several owners', collection: 'items', filter: responseQuery({ anyOf: [{ owner: 'pm-editor' }, { surveyId: 'portal-cancel' }] }), sort: NEWEST_FIRST },
  { name: 'responses: search', collection: 'items', filter: responseQuery({ search: 'export pd' }), sort: NEWEST_FIRST },
  { name: "digest: an owner's open items (count)", collection: 'items', filter: responseQuery({ owner: 'pm-editor', status: ['new', 'acknowledged'] }) },
  { name: "digest: the week's tally", collection: 'items', filter: responseQuery({ anyOf: [{ owner: 'pm-editor' }, { productArea: 'editor' }], from: new Date(0), to: now }) },
  { name: "digest: the week's newest comments", collection: 'items', filter: responseQuery({ anyOf: [{ owner: 'pm-editor' }, { productArea: 'editor' }], from: new Date(0), to: now, hasComment: true }), sort: NEWEST_FIRST },
  { name: "digest: the owner's intake items of the week, by source", collection: 'items', filter: inboxQuery({ owner: 'pm-editor', source: 'email', from: new Date(0), to: now }) },
  { name: 'responses: by id', collection: 'items', filter: { _id: 'resp-1', source: 'survey' } },
  { name: 'responses: by submission', collection: 'items', filter: { source: 'survey', sourceId: 'x' } },
  { name: 'responses: of a person (erasure)', collection: 'items', filter: { source: 'survey', 'respondent.userId': 'u1' } },
  { name: 'items: of a contact or reporter (erasure by email)', collection: 'items', filter: heldByQuery('Jane@globex.example') },
  { name: 'inbox: first page', collection: 'items', filter: inboxQuery({}), sort: NEWEST_FIRST },
  { name: 'inbox: by source', collection: 'items', filter: inboxQuery({ source: 'email' }), sort: NEWEST_FIRST },
  { name: 'inbox: by feedback type', collection: 'items', filter: inboxQuery({ feedbackType: 'product' }), sort: NEWEST_FIRST },
  { name: 'inbox: by owner after a position', collection: 'items', filter: inboxQuery({ owner: 'pm-editor' }, position), sort: NEWEST_FIRST },
  { name: 'items: triage alerts to resume', collection: 'items', filter: { triageAlertsPending: { $lte: now } } },
  { name: 'claims: expired', collection: 'claims', filter: { until: { $lte: now } } },
  { name: 'displays: seen by a person', collection: 'displays', filter: { $or: [{ projectKey: 'pk_demo', userId: 'u1', event: 'shown' }, { projectKey: 'pk_demo', anonymousId: 'a1', event: 'shown' }] } },
  { name: 'displays: of a person (erasure)', collection: 'displays', filter: { userId: 'u1' } },
  { name: 'alerts: next due', collection: 'alerts', filter: { status: 'pending', nextAttemptAt: { $lte: now }, leaseUntil: { $not: { $gt: now } } }, sort: { nextAttemptAt: 1 } },
  { name: 'alerts: first page', collection: 'alerts', filter: {}, sort: { createdAt: -1, _id: -1 } },
  { name: 'alerts: by status after a position', collection: 'alerts', filter: { $and: [{ status: 'failed' }, afterPosition(position, 'createdAt')] }, sort: { createdAt: -1, _id: -1 } },
  { name: 'alerts: by owner', collection: 'alerts', filter: { ownerId: 'pm-editor' }, sort: { createdAt: -1, _id: -1 } },
  { name: 'alerts: of a response', collection: 'alerts', filter: { responseId: { $in: ['resp-1'] }, status: 'pending' } },
  { name: 'alerts: failed for an owner', collection: 'alerts', filter: { ownerId: 'pm-editor', status: 'failed', failedAt: { $gte: new Date(0), $lt: now } }, sort: { failedAt: -1, _id: -1 } },
  { name: 'issues: newest after a position', collection: 'issues', filter: issuesAfter('newest', position), sort: { linkedAt: -1, _id: -1 } },
  { name: 'issues: most asked after a position', collection: 'issues', filter: issuesAfter('asking', { ...position, rank: 2 }), sort: { asking: -1, linkedAt: -1, _id: -1 } },
  { name: 'issue links: of an issue', collection: 'issue_links', filter: { url: 'https://example.com/a' }, sort: { at: -1, _id: 1 } },
  { name: 'reports: answer days', collection: 'report_days', filter: { day: { $gte: '2026-01-01', $lt: '2026-02-01' }, kind: { $in: ['nps'] } }, sort: { day: 1, surveyId: 1, plan: 1 } },
  { name: 'reports: display days', collection: 'display_days', filter: { day: { $gte: '2026-01-01', $lt: '2026-02-01' }, surveyId: 'app-nps' }, sort: { day: 1, surveyId: 1 } },
];

/** The stages of a MongoDB query plan, nested ones included. */
function stages(plan: mongo.Document | undefined): string[] {
  if (!plan) return [];
  const children = [plan.inputStage, ...(plan.inputStages ?? []), plan.queryPlan].filter(Boolean) as mongo.Document[];
  return [plan.stage as string, ...children.flatMap(stages)].filter(Boolean);
}

describe(`Mongo queries use an index (explain on ${onFerret() ? 'FerretDB 1.24' : 'MongoDB'})`, () => {
  let isolated: IsolatedMongoStore;
  beforeAll(async () => {
    isolated = await openIsolatedMongoStore();
    const { store } = isolated;
    for (let n = 0; n < 20; n += 1) await store.responses.record(makeResponse(n, { answers: { score: 3, comment: `export ${n}` }, hasComment: true }), [makeAlert(n)]);
    await store.items.record(makeItem(1), []);
    await store.displays.record(makeDisplay(1));
  });
  afterAll(async () => {
    await isolated.cleanup();
  });

  const explain = async (shape: (typeof SHAPES)[number]) => {
    const cursor = (await isolated.db()).collection(shape.collection).find(shape.filter, { ...(shape.sort && { sort: shape.sort }), limit: 50 });
    return cursor.explain('queryPlanner');
  };

  if (!onFerret()) {
    for (const shape of SHAPES) {
      it(`${shape.name}: no collection scan`, async () => {
        const plan = stages((await explain(shape)).queryPlanner?.winningPlan as mongo.Document);
        expect(plan.length).toBeGreaterThan(0);
        expect(plan).not.toContain('COLLSCAN');
      });
    }
    return;
  }

  // FerretDB 1.24 (SQLite backend) answers explain with SQLite's plan of its own table, and pushes down only
  // a filter on `_id` alone: whether a query would use the declared indexes cannot be checked on it.
  for (const shape of SHAPES) {
    it.skip(`${shape.name}: no collection scan [skipped: FerretDB 1.24's explain shows no MongoDB plan; checked on MongoDB]`, async () => {});
  }
  it('FerretDB 1.24 explains every query shape (a SQLite plan, no MongoDB plan stages)', async () => {
    for (const shape of SHAPES) {
      const answer = await explain(shape);
      expect(answer.queryPlanner, shape.name).toBeDefined();
      expect(answer.queryPlanner.winningPlan, shape.name).toBeUndefined();
    }
  });
  it('FerretDB 1.24 pushes a lookup by _id down to SQLite', async () => {
    const answer = await (await isolated.db()).collection('alerts').find({ _id: 'alert-1' as never }).explain('queryPlanner');
    expect(answer.filterPushdown).toBe(true);
  });
});
