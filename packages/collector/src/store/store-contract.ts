/**
 * The Store contract as one vitest suite: every adapter runs it (embedded-store.test.ts, mongo-store.test.ts).
 * Each case states the capabilities it needs; an engine that lacks one skips the case and says so in the
 * case's name and in a notice at the end of the run, so a gap is never a silent pass.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError } from './duplicate-key-error.ts';
import { INDEXES, type CollectionName, type Store } from './store.ts';
import { makeAlert, makeResponse, makeRollup } from './store-fixtures.ts';

/**
 * What FerretDB 1.24 (SQLite backend) lacks. The first four it rejects as not implemented; the rest it gets
 * silently wrong: only the first accumulator of a `$group` is computed (FerretDB issue #4616), field paths in
 * `$project`/`$set` come back as literal strings, and concurrent updates of one document are not isolated
 * (two `findOneAndUpdate` calls both claim it; concurrent `$inc` lose increments).
 */
export const FERRETDB_1_24_GAPS = [
  '$cond',
  '$dateTrunc',
  '$dateToString',
  '$facet',
  '$group with several accumulators',
  '$project with field paths',
  'isolated concurrent updates of one document',
] as const;

export type StoreCapability = (typeof FERRETDB_1_24_GAPS)[number];

export interface StoreContractOptions {
  /** Capabilities the engine lacks: the cases needing them are skipped, with a message naming them. */
  unsupported?: readonly string[];
  /** The engine named in those messages; defaults to the suite name. */
  engine?: string;
}

export type OpenForContract = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

const COLLECTIONS = Object.keys(INDEXES) as CollectionName[];

export function storeContract(name: string, open: OpenForContract, opts: StoreContractOptions = {}): void {
  const { unsupported = [], engine = name } = opts;
  const notChecked: string[] = [];

  /** A case that needs `capabilities`: run it, or skip it saying which capability the engine lacks. */
  function check(title: string, capabilities: readonly StoreCapability[], body: () => Promise<void>): void {
    const missing = capabilities.filter((capability) => unsupported.includes(capability));
    if (missing.length === 0) {
      it(title, body);
      return;
    }
    const reason = `${missing.join(', ')} not supported by ${engine}; checked on the embedded engine`;
    notChecked.push(`${title} (${reason})`);
    it.skip(`${title} [skipped: ${reason}]`, body);
  }

  describe(name, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const responses = () => store.collection('responses');
    const alerts = () => store.collection('alerts');
    const rollups = () => store.collection('rollups');

    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await cleanup?.();
      if (notChecked.length > 0) {
        console.warn(`${name}: cases not checked on ${engine}:\n${notChecked.map((line) => `  - ${line}`).join('\n')}`);
      }
    });
    beforeEach(async () => {
      for (const collection of COLLECTIONS) await store.collection(collection).deleteMany({});
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('stores a document and returns it whole, with Dates as Date objects', async () => {
      const at = new Date('2026-01-05T09:30:00.123Z');
      const doc = makeResponse(1, {
        answers: { score: 3, comment: 'Too slow & <buggy>', reasons: ['slow', 'buggy'] },
        hasComment: true,
        respondent: { userId: 'u1', accountId: 'a1' },
        triage: { status: 'acknowledged', tags: ['perf'], history: [{ at, actor: 'pm', changes: { status: 'acknowledged' } }] },
      });
      expect(await responses().insertOne(doc)).toEqual({ inserted: true });

      const stored = await responses().findOne({ _id: 'resp-1' });
      expect(stored).toEqual(doc);
      expect(stored?.receivedAt).toBeInstanceOf(Date);
      expect(stored?.triage.history[0]?.at).toBeInstanceOf(Date);
      expect(stored?.triage.history[0]?.at.getTime()).toBe(at.getTime());
    });

    it('reports a duplicate submissionId as not inserted and keeps the first document', async () => {
      await responses().insertOne(makeResponse(1));
      const again = makeResponse(2, { submissionId: makeResponse(1).submissionId });
      expect(await responses().insertOne(again)).toEqual({ inserted: false });
      expect(await responses().count({})).toBe(1);
      expect((await responses().findOne({ submissionId: again.submissionId }))?._id).toBe('resp-1');
    });

    it('reports a duplicate _id as not inserted', async () => {
      await responses().insertOne(makeResponse(1));
      const sameId = makeResponse(2, { _id: 'resp-1' });
      expect(await responses().insertOne(sameId)).toEqual({ inserted: false });
      expect((await responses().findOne({ _id: 'resp-1' }))?.submissionId).toBe(makeResponse(1).submissionId);
    });

    it('insertMany stores the new documents and skips duplicates, in the batch and already stored', async () => {
      await responses().insertOne(makeResponse(1));
      const batch = [
        makeResponse(10, { submissionId: makeResponse(1).submissionId }),
        makeResponse(2),
        makeResponse(3),
        makeResponse(11, { submissionId: makeResponse(3).submissionId }),
      ];
      expect(await responses().insertMany(batch)).toEqual({ insertedIds: ['resp-2', 'resp-3'] });
      expect((await responses().find({}, { sort: { _id: 1 } })).map((doc) => doc._id)).toEqual(['resp-1', 'resp-2', 'resp-3']);
      expect(await responses().insertMany([])).toEqual({ insertedIds: [] });
    });

    it('answers every one of many concurrent inserts, storing each submission once', async () => {
      const docs = Array.from({ length: 30 }, (_, n) =>
        n < 20 ? makeResponse(n) : makeResponse(n, { submissionId: makeResponse(n - 20).submissionId }),
      );
      const results = await Promise.all(docs.map((doc) => responses().insertOne(doc)));
      expect(results.filter((result) => result.inserted)).toHaveLength(20);
      expect(await responses().count({})).toBe(20);
      for (let n = 0; n < 10; n += 1) {
        expect(await responses().count({ submissionId: makeResponse(n).submissionId })).toBe(1);
      }
    });

    it('finds with a filter, sort, skip and limit', async () => {
      await responses().insertMany([1, 2, 3, 4, 5, 6].map((n) => makeResponse(n, { surveyId: n === 6 ? 'other-survey' : 'app-nps' })));
      const page = await responses().find({ surveyId: 'app-nps' }, { sort: { 'answers.score': -1 }, skip: 1, limit: 2 });
      expect(page.map((doc) => doc._id)).toEqual(['resp-4', 'resp-3']);
      expect((await responses().findOne({ surveyId: 'app-nps' }, { sort: { receivedAt: -1 } }))?._id).toBe('resp-5');
      expect(await responses().findOne({ surveyId: 'missing' })).toBeNull();
    });

    it('filters on dotted paths into nested documents', async () => {
      await responses().insertMany([
        makeResponse(1, { respondent: { userId: 'u1', accountId: 'acme' } }),
        makeResponse(2, { respondent: { userId: 'u2', accountId: 'acme' } }),
        makeResponse(3, { respondent: { anonymousId: 'anon-3' } }),
      ]);
      expect(await ids(responses().find({ 'respondent.accountId': 'acme' }))).toEqual(['resp-1', 'resp-2']);
      expect(await ids(responses().find({ 'answers.score': { $lte: 2 }, 'respondent.userId': 'u2' }))).toEqual(['resp-2']);
      expect(await ids(responses().find({ 'routing.status': 'skipped', 'context.plan': 'saas' }))).toEqual(['resp-1', 'resp-2', 'resp-3']);
    });

    it('supports $in (also against arrays), $nin, $ne, $gte/$lt on Dates, $exists and $or', async () => {
      await responses().insertMany([
        makeResponse(1, { answers: { reasons: ['not-useful', 'too-slow'] } }),
        makeResponse(2, { answers: { reasons: ['missing-feature'] }, plan: 'self-managed' }),
        makeResponse(3, { answers: { score: 9 } }),
      ]);
      expect(await ids(responses().find({ 'answers.reasons': { $in: ['too-slow', 'other'] } }))).toEqual(['resp-1']);
      expect(await ids(responses().find({ _id: { $in: ['resp-1', 'resp-3', 'resp-9'] } }))).toEqual(['resp-1', 'resp-3']);
      expect(await ids(responses().find({ plan: { $nin: ['self-managed'] } }))).toEqual(['resp-1', 'resp-3']);
      expect(await ids(responses().find({ plan: { $ne: 'saas' } }))).toEqual(['resp-2']);
      const from = makeResponse(2).receivedAt;
      const to = makeResponse(3).receivedAt;
      expect(await ids(responses().find({ receivedAt: { $gte: from, $lt: to } }))).toEqual(['resp-2']);
      expect(await ids(responses().find({ 'answers.score': { $exists: true } }))).toEqual(['resp-3']);
      expect(await ids(responses().find({ 'answers.reasons': { $exists: false } }))).toEqual(['resp-3']);
      expect(await ids(responses().find({ $or: [{ plan: 'self-managed' }, { 'answers.score': { $gte: 9 } }] }))).toEqual(['resp-2', 'resp-3']);
    });

    it('rejects a filter with an unknown operator instead of ignoring it', async () => {
      await responses().insertOne(makeResponse(1));
      await expect(responses().find({ plan: { $unknownOperator: 1 } })).rejects.toThrow();
    });

    it('updateOne applies $set, $unset, $inc and $push', async () => {
      const leaseUntil = new Date('2026-01-05T12:05:00Z');
      await alerts().insertOne(makeAlert(1, { leaseOwner: 'worker-1', leaseUntil, lastError: 'timeout' }));
      const deliveredAt = new Date('2026-01-05T12:01:00Z');
      const result = await alerts().updateOne(
        { _id: 'alert-1', leaseOwner: 'worker-1' },
        { $set: { status: 'delivered', deliveredAt }, $unset: { leaseOwner: '', leaseUntil: '', lastError: '' }, $inc: { attempts: 1 } },
      );
      expect(result).toEqual({ matched: 1, upserted: false });
      expect(await alerts().findOne({ _id: 'alert-1' })).toEqual(makeAlert(1, { status: 'delivered', deliveredAt, attempts: 1 }));

      const at = new Date('2026-01-06T08:00:00Z');
      await responses().insertOne(makeResponse(1));
      await responses().updateOne(
        { _id: 'resp-1' },
        { $set: { 'triage.status': 'acknowledged' }, $push: { 'triage.history': { at, actor: 'pm', changes: { status: 'acknowledged' } }, 'triage.tags': 'pricing' } },
      );
      const triage = (await responses().findOne({ _id: 'resp-1' }))?.triage;
      expect(triage).toEqual({ status: 'acknowledged', tags: ['pricing'], history: [{ at, actor: 'pm', changes: { status: 'acknowledged' } }] });
      expect(triage?.history[0]?.at).toBeInstanceOf(Date);

      expect(await alerts().updateOne({ _id: 'alert-404' }, { $set: { status: 'failed' } })).toEqual({ matched: 0, upserted: false });
      expect(await alerts().count({})).toBe(1);
    });

    it('updateMany updates every match', async () => {
      await alerts().insertMany([makeAlert(1), makeAlert(2), makeAlert(3, { status: 'delivered' })]);
      expect(await alerts().updateMany({ status: 'pending' }, { $set: { status: 'failed', lastError: 'owner removed' } })).toEqual({ matched: 2 });
      expect(await ids(alerts().find({ status: 'failed', lastError: 'owner removed' }))).toEqual(['alert-1', 'alert-2']);
      expect(await alerts().updateMany({ status: 'pending' }, { $set: { status: 'failed' } })).toEqual({ matched: 0 });
    });

    it('upserts a daily rollup with $inc and $setOnInsert, inserting once and counting every call', async () => {
      const day = '2026-01-05';
      const bump = (reason: string, productArea: string) =>
        rollups().updateOne(
          { _id: `${day}|portal-cancel|saas` },
          {
            $inc: { responses: 1, [`reasons.${reason}`]: 1 },
            $setOnInsert: { day, projectKey: 'pk_demo', surveyId: 'portal-cancel', kind: 'cancel', productArea, plan: 'saas', comments: 0, promoters: 0, passives: 0, detractors: 0 },
          },
          { upsert: true },
        );
      expect(await bump('too-expensive', 'billing')).toEqual({ matched: 0, upserted: true });
      expect(await bump('missing-feature', 'changed')).toEqual({ matched: 1, upserted: false });
      expect(await bump('too-expensive', 'changed')).toEqual({ matched: 1, upserted: false });
      expect(await rollups().findOne({})).toEqual(
        makeRollup(day, { productArea: 'billing', responses: 3, reasons: { 'too-expensive': 2, 'missing-feature': 1 } }),
      );
    });

    it('gives an upserted document whose filter names no _id a string _id, and the filter\'s fields', async () => {
      const result = await rollups().updateOne(
        { day: '2026-02-01', surveyId: 'portal-cancel', plan: 'saas' },
        { $inc: { responses: 1 }, $setOnInsert: { projectKey: 'pk_demo', kind: 'cancel', productArea: 'billing' } },
        { upsert: true },
      );
      expect(result).toEqual({ matched: 0, upserted: true });
      const created = await rollups().findOne({ day: '2026-02-01' });
      expect(typeof created?._id).toBe('string');
      expect(created).toMatchObject({ day: '2026-02-01', surveyId: 'portal-cancel', plan: 'saas', responses: 1, kind: 'cancel' });
    });

    check('loses no increment when many upserts of one rollup run concurrently', ['isolated concurrent updates of one document'], async () => {
      const id = '2026-01-05|portal-cancel|saas';
      await Promise.all(
        Array.from({ length: 20 }, () =>
          rollups().updateOne({ _id: id }, { $inc: { responses: 1, 'reasons.too-expensive': 1 }, $setOnInsert: { day: '2026-01-05' } }, { upsert: true }),
        ),
      );
      expect(await rollups().findOne({ _id: id })).toMatchObject({ responses: 20, reasons: { 'too-expensive': 20 } });
    });

    it('findOneAndUpdate updates the first match by sort and returns the document after the update', async () => {
      await alerts().insertMany([
        makeAlert(1, { nextAttemptAt: new Date('2026-01-05T12:10:00Z') }),
        makeAlert(2, { nextAttemptAt: new Date('2026-01-05T12:00:00Z') }),
      ]);
      const leaseUntil = new Date('2026-01-05T12:11:00Z');
      const claimed = await alerts().findOneAndUpdate(
        { status: 'pending' },
        { $set: { leaseOwner: 'worker-1', leaseUntil }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 } },
      );
      expect(claimed).toEqual(makeAlert(2, { nextAttemptAt: new Date('2026-01-05T12:00:00Z'), leaseOwner: 'worker-1', leaseUntil, attempts: 1 }));
      expect(claimed?.leaseUntil).toBeInstanceOf(Date);
      expect(await alerts().findOneAndUpdate({ status: 'failed' }, { $set: { attempts: 9 } })).toBeNull();
    });

    it('findOneAndUpdate with upsert creates and returns the document when nothing matches', async () => {
      const until = new Date('2026-01-05T13:00:00Z');
      const lease = await store.collection('leases').findOneAndUpdate(
        { _id: 'weekly-digest' },
        { $set: { holder: 'instance-a', until } },
        { upsert: true },
      );
      expect(lease).toEqual({ _id: 'weekly-digest', holder: 'instance-a', until });
    });

    it('rejects an upsert that would duplicate a unique key with DuplicateKeyError, changing nothing', async () => {
      const until = new Date('2026-01-05T13:00:00Z');
      const leases = store.collection('leases');
      await leases.insertOne({ _id: 'weekly-digest', holder: 'instance-a', until });
      const takeover = leases.findOneAndUpdate(
        { _id: 'weekly-digest', until: { $lt: new Date('2026-01-05T12:00:00Z') } },
        { $set: { holder: 'instance-b', until } },
        { upsert: true },
      );
      await expect(takeover).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await leases.findOne({ _id: 'weekly-digest' })).toEqual({ _id: 'weekly-digest', holder: 'instance-a', until });
    });

    check('findOneAndUpdate is atomic: 20 concurrent lease claims on 5 claimable alerts claim each exactly once', ['isolated concurrent updates of one document'], async () => {
      const now = new Date('2026-01-05T12:00:00Z');
      await alerts().insertMany([
        makeAlert(1),
        makeAlert(2),
        makeAlert(3),
        makeAlert(4),
        makeAlert(5, { leaseOwner: 'crashed-worker', leaseUntil: new Date('2026-01-05T11:59:00Z') }),
        makeAlert(6, { leaseOwner: 'live-worker', leaseUntil: new Date('2026-01-05T12:01:00Z') }),
        makeAlert(7, { status: 'delivered' }),
      ]);
      const leaseFilter = { status: 'pending', $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lt: now } }] };
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, worker) =>
          alerts().findOneAndUpdate(
            leaseFilter,
            { $set: { leaseOwner: `worker-${worker}`, leaseUntil: new Date(now.getTime() + 60_000) }, $inc: { attempts: 1 } },
            { sort: { nextAttemptAt: 1 } },
          ),
        ),
      );
      const won = claims.filter((claim) => claim !== null);
      expect(won.map((claim) => claim._id).sort()).toEqual(['alert-1', 'alert-2', 'alert-3', 'alert-4', 'alert-5']);
      for (const claim of won) {
        expect(await alerts().findOne({ _id: claim._id })).toMatchObject({ attempts: 1, leaseOwner: claim.leaseOwner });
      }
      expect(await alerts().findOne({ _id: 'alert-6' })).toMatchObject({ attempts: 0, leaseOwner: 'live-worker' });
    });

    it('enforces the compound unique alert key (responseId, ownerId, channel)', async () => {
      await alerts().insertOne(makeAlert(1));
      expect(await alerts().insertOne(makeAlert(2, { responseId: 'resp-1' }))).toEqual({ inserted: false });
      expect(await alerts().insertOne(makeAlert(3, { responseId: 'resp-1', channel: 'webhook' }))).toEqual({ inserted: true });
      expect(await alerts().insertOne(makeAlert(4, { responseId: 'resp-1', ownerId: 'pm-billing' }))).toEqual({ inserted: true });
      const batch = await alerts().insertMany([makeAlert(5, { responseId: 'resp-1', channel: 'webhook' }), makeAlert(6)]);
      expect(batch).toEqual({ insertedIds: ['alert-6'] });
      expect(await alerts().count({ responseId: 'resp-1' })).toBe(3);
    });

    it('deletes and counts by filter', async () => {
      await responses().insertMany([1, 2, 3, 4].map((n) => makeResponse(n, { respondent: { userId: n <= 3 ? 'erased-user' : 'kept-user' } })));
      expect(await responses().count({ 'respondent.userId': 'erased-user' })).toBe(3);
      expect(await responses().deleteMany({ 'respondent.userId': 'erased-user' })).toEqual({ deleted: 3 });
      expect(await responses().count({})).toBe(1);
      expect(await responses().deleteMany({ 'respondent.userId': 'erased-user' })).toEqual({ deleted: 0 });
      expect(await responses().insertOne(makeResponse(1))).toEqual({ inserted: true });
    });

    describe('aggregation', () => {
      beforeEach(async () => {
        await rollups().insertMany([
          makeRollup('2026-01-01', { responses: 2, detractors: 1, reasons: { 'too-expensive': 1 } }),
          makeRollup('2026-01-01', { _id: '2026-01-01|portal-cancel|self-managed', plan: 'self-managed', responses: 3, reasons: { 'too-expensive': 2, 'missing-feature': 1 } }),
          makeRollup('2026-01-02', { responses: 4, detractors: 2 }),
          makeRollup('2026-01-02', { _id: '2026-01-02|other|saas', projectKey: 'pk_other', responses: 50 }),
        ]);
        await responses().insertMany([
          makeResponse(1, { answers: { score: 3 }, category: 'detractor' }),
          makeResponse(2, { answers: { score: 9 }, category: 'promoter' }),
          makeResponse(3, { answers: { score: 6 }, category: 'detractor', receivedAt: new Date('2026-02-03T10:00:00Z'), day: '2026-02-03' }),
          makeResponse(4, { answers: { score: 10 }, category: 'promoter', receivedAt: new Date('2026-02-03T11:00:00Z'), day: '2026-02-03' }),
        ]);
      });
      const demoDays = { $match: { projectKey: 'pk_demo', day: { $gte: '2026-01-01', $lt: '2026-01-03' } } };

      it('runs $match, $group with one accumulator, $sort and an inclusion $project', async () => {
        const byDay = await rollups().aggregate([demoDays, { $group: { _id: '$day', responses: { $sum: '$responses' } } }, { $sort: { _id: -1 } }, { $project: { responses: 1 } }]);
        expect(byDay).toEqual([
          { _id: '2026-01-02', responses: 4 },
          { _id: '2026-01-01', responses: 5 },
        ]);
        const byPlan = await rollups().aggregate([demoDays, { $group: { _id: { plan: '$plan' }, tooExpensive: { $sum: '$reasons.too-expensive' } } }, { $sort: { '_id.plan': 1 } }]);
        expect(byPlan).toEqual([
          { _id: { plan: 'saas' }, tooExpensive: 1 },
          { _id: { plan: 'self-managed' }, tooExpensive: 2 },
        ]);
      });

      check('runs a report pipeline: $group by day summing several counters, $project renaming _id', ['$group with several accumulators', '$project with field paths'], async () => {
        const report = await rollups().aggregate([
          demoDays,
          { $group: { _id: '$day', responses: { $sum: '$responses' }, detractors: { $sum: '$detractors' }, tooExpensive: { $sum: '$reasons.too-expensive' } } },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, day: '$_id', responses: 1, detractors: 1, tooExpensive: 1 } },
        ]);
        expect(report).toEqual([
          { day: '2026-01-01', responses: 5, detractors: 1, tooExpensive: 3 },
          { day: '2026-01-02', responses: 4, detractors: 2, tooExpensive: 0 },
        ]);
      });

      it('returns Dates from a pipeline as Date objects', async () => {
        const [latest] = await responses().aggregate<{ receivedAt: Date }>([{ $match: { surveyId: 'app-nps' } }, { $sort: { receivedAt: -1 } }, { $limit: 1 }]);
        expect(latest?.receivedAt).toBeInstanceOf(Date);
        expect(latest?.receivedAt.toISOString()).toBe('2026-02-03T11:00:00.000Z');
      });

      check('supports $cond (detractors counted inside $group)', ['$cond'], async () => {
        const [row] = await responses().aggregate([{ $group: { _id: '$surveyId', detractors: { $sum: { $cond: [{ $lte: ['$answers.score', 6] }, 1, 0] } } } }]);
        expect(row).toEqual({ _id: 'app-nps', detractors: 2 });
      });

      check('supports $dateToString (responses per UTC day)', ['$dateToString'], async () => {
        const perDay = await responses().aggregate([
          { $group: { _id: { $dateToString: { format: '%Y-%m-%d', date: '$receivedAt' } }, n: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ]);
        expect(perDay).toEqual([
          { _id: '2026-01-05', n: 2 },
          { _id: '2026-02-03', n: 2 },
        ]);
      });

      check('supports $dateTrunc (responses per month)', ['$dateTrunc'], async () => {
        const perMonth = await responses().aggregate<{ _id: Date; n: number }>([
          { $group: { _id: { $dateTrunc: { date: '$receivedAt', unit: 'month' } }, n: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ]);
        expect(perMonth).toEqual([
          { _id: new Date('2026-01-01T00:00:00Z'), n: 2 },
          { _id: new Date('2026-02-01T00:00:00Z'), n: 2 },
        ]);
        expect(perMonth[0]?._id).toBeInstanceOf(Date);
      });

      check('supports $facet (totals and a breakdown in one pass)', ['$facet'], async () => {
        const [facets] = await responses().aggregate([
          { $facet: { total: [{ $count: 'n' }], detractors: [{ $match: { category: 'detractor' } }, { $count: 'n' }] } },
        ]);
        expect(facets).toEqual({ total: [{ n: 4 }], detractors: [{ n: 2 }] });
      });
    });
  });
}

async function ids(found: Promise<{ _id: string }[]>): Promise<string[]> {
  return (await found).map((doc) => doc._id).sort();
}
