import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportDayId } from './mongo-counters.ts';
import { toItem } from './mongo-items.ts';
import { openIsolatedMongoStore, type IsolatedMongoStore } from './mongo-test-support.ts';
import { makeAlert, makeResponse } from './store-fixtures.ts';

/**
 * The claim protocol after a crash: the interrupted writes are simulated by writing what a writer that
 * stopped half way leaves behind (items, their expired claims, some of their effects) straight through
 * the collections, then resuming.
 */
describe('Mongo claim protocol: resuming interrupted writes', () => {
  let isolated: IsolatedMongoStore;
  beforeEach(async () => {
    isolated = await openIsolatedMongoStore();
  });
  afterEach(async () => {
    await isolated.cleanup();
  });

  const expired = new Date(Date.now() - 60_000);
  const now = new Date();

  async function interrupted(n: number, { stored = true, until = expired } = {}) {
    const db = await isolated.db();
    const response = makeResponse(n);
    const alert = makeAlert(n);
    await db.collection('claims').insertOne({ _id: response._id as never, token: 'stopped-writer', until, alerts: [alert], counted: true });
    if (stored) await db.collection('items').insertOne(toItem(response));
    return { response, alert };
  }

  it('completes each expired claim once: alerts inserted, counts added once, claims gone', async () => {
    const db = await isolated.db();
    // Stopped right after storing the item.
    const a = await interrupted(1);
    // Stopped after inserting its alert and counting it, before deleting its claim.
    const b = await interrupted(2);
    await db.collection('alerts').insertOne({ ...b.alert } as never);
    await db.collection('report_days').insertOne({
      _id: reportDayId(b.response) as never,
      day: b.response.day,
      projectKey: 'pk_demo',
      surveyId: 'app-nps',
      kind: 'nps',
      productArea: 'editor',
      plan: 'saas',
      responses: 1,
      comments: 0,
      promoters: 0,
      passives: 0,
      detractors: 1,
      scores: { '2': 1 },
      reasons: {},
      applying: [b.response._id],
    });
    // Stopped before storing the item: nothing to complete.
    await interrupted(3, { stored: false });
    // Still held by a live writer: left alone.
    await interrupted(4, { until: new Date(Date.now() + 3_600_000) });

    expect(await isolated.store.responses.resumeInterrupted(now)).toBe(2);
    expect((await isolated.store.alerts.page({}, 10)).map((alert) => alert._id).sort()).toEqual(['alert-1', 'alert-2']);
    const [day] = await isolated.store.reports.days({ from: '2026-01-01', to: '2026-02-01' });
    expect(day).toMatchObject({ responses: 2, detractors: 2, scores: { '1': 1, '2': 1 } });
    expect((await db.collection('report_days').findOne({}))?.applying).toEqual([]);
    expect((await db.collection('claims').find({}).toArray()).map((claim) => claim._id)).toEqual(['resp-4']);
    expect(await isolated.store.responses.get(a.response._id)).toEqual(a.response);

    // Resuming again repeats nothing.
    expect(await isolated.store.responses.resumeInterrupted(now)).toBe(0);
    expect((await isolated.store.reports.days({ from: '2026-01-01', to: '2026-02-01' }))[0]?.responses).toBe(2);
  });

  it('a repeat of an interrupted submission answers the first id and completes its effects', async () => {
    const { response } = await interrupted(5);
    const again = makeResponse(6, { submissionId: response.submissionId, receivedAt: now });
    expect(await isolated.store.responses.record(again, [])).toEqual({ id: 'resp-5', duplicate: true });
    expect(await isolated.store.alerts.get('alert-5')).not.toBeNull();
    expect((await isolated.store.reports.days({ from: '2026-01-01', to: '2026-02-01' }))[0]?.responses).toBe(1);
    expect(await (await isolated.db()).collection('claims').countDocuments({})).toBe(0);
  });

  it('a repeat within the first writer\'s claim answers the first id and leaves its effects to it', async () => {
    const { response } = await interrupted(7, { until: new Date(Date.now() + 3_600_000) });
    expect(await isolated.store.responses.record(makeResponse(8, { submissionId: response.submissionId }), [])).toEqual({ id: 'resp-7', duplicate: true });
    expect(await isolated.store.alerts.get('alert-7')).toBeNull();
    expect(await (await isolated.db()).collection('claims').countDocuments({})).toBe(1);
  });
});
