import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Submission } from '@heed/shared';
import type { CollectionName, ResponseDoc, Store } from '../store/store.ts';
import { completeIngestEffects, createIngestEffects, type IngestEffects } from './ingest-effects.ts';
import { EFFECTS_CLAIM_MS, ingestSubmission, resumeIngestEffects, type IngestDeps } from './ingest.ts';
import { testEngines } from './test-engines.ts';
import { testConfig, useTestStore } from './test-support.ts';

const config = testConfig({
  owners: [
    { id: 'pm-editor', name: 'Editor PM', webhookUrl: 'https://hooks.example.com/editor', webhookSecret: 'secret-0123456789abcdef' },
    { id: 'pm-growth', name: 'Growth PM', slackWebhookUrl: 'https://hooks.slack.example/growth' },
  ],
});

let store: Store;
let now: Date;
let deps: IngestDeps;

function submission(score: number, fields: Partial<Submission> = {}): Submission {
  return {
    submissionId: randomUUID(),
    projectKey: 'pk_test',
    surveyId: 'app-nps',
    answers: { score },
    respondent: {},
    context: { plan: score % 2 === 0 ? 'saas' : 'self-managed' },
    ...fields,
  };
}

/** Where effects go when the collector dies right after acknowledging: nowhere. */
const lostOnCrash: IngestEffects = { schedule: () => undefined, drain: async () => undefined };

/** Responses stored as a crash right after their acknowledgement leaves them: claimed, no effects. */
async function interrupted(submissions: Submission[]): Promise<ResponseDoc[]> {
  const results = await Promise.all(submissions.map((sub) => ingestSubmission({ ...deps, effects: lostOnCrash }, sub)));
  return Promise.all(
    results.map(async ({ id }) => {
      const response = await store.collection('responses').findOne({ _id: id });
      if (!response) throw new Error(`response ${id} was not stored`);
      return response;
    }),
  );
}

/** `store`, noting each collection call it is given (`"alerts.insertMany"`). */
function recording(store: Store, calls: string[]): Store {
  const collection = (name: CollectionName) =>
    new Proxy(store.collection(name), {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(property)}`);
          return value.apply(target, args);
        };
      },
    });
  return { engine: store.engine, collection: collection as Store['collection'], ping: () => store.ping(), close: () => store.close() };
}

const rollups = () => store.collection('rollups').find({}, { sort: { _id: 1 } });
const counts = async () =>
  (await rollups()).map(({ _id, responses, comments, promoters, passives, detractors, applying }) => ({
    _id,
    responses,
    comments,
    promoters,
    passives,
    detractors,
    applying,
  }));

describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    (opened) => {
      store = opened;
      now = new Date('2026-03-04T12:00:00Z');
      deps = { store, config, clock: () => now };
    },
  );

  describe('completeIngestEffects', () => {
    it('counts every response of a batch once, in its rollup, and enqueues the alerts of the routed ones', async () => {
      const scores = [0, 1, 2, 3, 6, 7, 8, 9, 10, 10];
      const responses = await interrupted([
        ...scores.map((score) => submission(score)),
        submission(9, { answers: { score: 9, comment: 'Love the new editor' } }),
      ]);

      await completeIngestEffects(deps, responses);

      expect(await counts()).toEqual([
        { _id: '2026-03-04|app-nps|saas', responses: 6, comments: 0, promoters: 2, passives: 1, detractors: 3, applying: [] },
        { _id: '2026-03-04|app-nps|self-managed', responses: 5, comments: 1, promoters: 2, passives: 1, detractors: 2, applying: [] },
      ]);
      // Detractors (score <= 6) and the comment are routed to the editor PM, on the webhook.
      const alerts = await store.collection('alerts').find({});
      const routed = responses.filter((r) => r.routing.status === 'routed').map((r) => r._id);
      expect(routed).toHaveLength(6);
      expect(alerts.map((a) => a.responseId).sort()).toEqual([...routed].sort());
      expect(alerts.every((a) => a.ownerId === 'pm-editor' && a.channel === 'webhook' && a.status === 'pending')).toBe(true);
      expect(await store.collection('responses').count({ effectsPending: { $exists: true } })).toBe(0);
    });

    it('counts once a batch in which an interrupted attempt already counted some responses', async () => {
      const [first, ...others] = await interrupted([submission(2), submission(4), submission(10)]);
      if (!first) throw new Error('no first response');
      // An earlier attempt for `first` died after counting it and enqueueing its alert (before step 4).
      await completeIngestEffects(deps, [first]);
      await store.collection('responses').updateOne({ _id: first._id }, { $set: { effectsPending: first.effectsPending } });
      await store.collection('rollups').updateOne({}, { $push: { applying: first._id } });
      const alertBefore = await store.collection('alerts').findOne({ responseId: first._id });

      await completeIngestEffects(deps, [first, ...others]);

      expect(await counts()).toEqual([
        { _id: '2026-03-04|app-nps|saas', responses: 3, comments: 0, promoters: 1, passives: 0, detractors: 2, applying: [] },
      ]);
      expect(await store.collection('alerts').find({ responseId: first._id })).toEqual([alertBefore]);
      expect(await store.collection('alerts').count({})).toBe(2);
    });
  });

  describe('createIngestEffects', () => {
    it('writes the effects of responses acknowledged before them; drain waits for all of them', async () => {
      const errors: unknown[] = [];
      const effects = createIngestEffects(deps, { onError: (error) => errors.push(error) });
      const queued = { ...deps, effects };
      const first = await Promise.all([0, 5, 9, 10].map((score) => ingestSubmission(queued, submission(score))));
      const stored = await store.collection('responses').find({ _id: { $in: first.map((r) => r.id) } });
      expect(stored.every((response) => response.effectsPending instanceof Date)).toBe(true);

      // Another may arrive while that batch is being written: drain waits for it too.
      const second = await ingestSubmission(queued, submission(3, { context: { plan: 'saas' } }));
      await effects.drain();

      expect(errors).toEqual([]);
      expect([...first, second].every((result) => !result.duplicate)).toBe(true);
      expect(await counts()).toEqual([
        { _id: '2026-03-04|app-nps|saas', responses: 3, comments: 0, promoters: 1, passives: 0, detractors: 2, applying: [] },
        { _id: '2026-03-04|app-nps|self-managed', responses: 2, comments: 0, promoters: 1, passives: 0, detractors: 1, applying: [] },
      ]);
      expect(await store.collection('alerts').count({})).toBe(3);
      expect(await store.collection('responses').count({ effectsPending: { $exists: true } })).toBe(0);
    });

    it('batches what is queued within the linger time; drain writes it without waiting out the linger', async () => {
      const writes: string[] = [];
      const effects = createIngestEffects({ ...deps, store: recording(store, writes) }, { onError: (error) => expect.fail(String(error)), lingerMs: 60_000 });
      for (const score of [1, 2, 3]) await ingestSubmission({ ...deps, effects }, submission(score, { context: { plan: 'saas' } }));
      expect(writes).toEqual([]);

      await effects.drain();
      expect(writes).toEqual(['alerts.insertMany', 'rollups.updateOne', 'rollups.updateOne', 'responses.updateMany', 'rollups.updateOne']);
      expect(await counts()).toMatchObject([{ responses: 3, detractors: 3, applying: [] }]);
    });

    it('reports a failed batch and leaves its claims, so the outbox resumes it once they expire', async () => {
      const failure = new Error('rollups unavailable');
      const failingRollups: Store = {
        engine: store.engine,
        collection: ((name: CollectionName) =>
          name === 'rollups' ? { updateOne: () => Promise.reject(failure) } : store.collection(name)) as Store['collection'],
        ping: () => store.ping(),
        close: () => store.close(),
      };
      const errors: unknown[] = [];
      const effects = createIngestEffects({ ...deps, store: failingRollups }, { onError: (error) => errors.push(error) });
      const { id } = await ingestSubmission({ ...deps, effects }, submission(1));
      await effects.drain();

      expect(errors).toEqual([failure]);
      expect(await store.collection('responses').findOne({ _id: id })).toHaveProperty('effectsPending');
      now = new Date(now.getTime() + EFFECTS_CLAIM_MS);
      expect(await resumeIngestEffects(deps)).toBe(1);
      expect(await counts()).toMatchObject([{ responses: 1, detractors: 1, applying: [] }]);
      expect(await store.collection('alerts').count({ responseId: id })).toBe(1);
    });
  });
});
