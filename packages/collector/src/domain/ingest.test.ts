import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Submission } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { EFFECTS_CLAIM_MS, ingestSubmission, recordDisplay, resumeIngestEffects, seenBy, type IngestDeps } from './ingest.ts';
import { openEmbeddedStore } from '../store/embedded-store.ts';
import { createIngestEffects, type IngestEffects } from './ingest-effects.ts';
import { testEngines } from './test-engines.ts';
import { tempDir, testConfig, useTestStore } from './test-support.ts';

const config = testConfig({
  owners: [
    {
      id: 'pm-editor',
      name: 'Editor PM',
      email: 'editor@example.com',
      webhookUrl: 'https://hooks.example.com/editor',
      webhookSecret: 'secret-0123456789abcdef',
      slackWebhookUrl: 'https://hooks.slack.example/editor',
    },
    { id: 'pm-growth', name: 'Growth PM', slackWebhookUrl: 'https://hooks.slack.example/growth' },
  ],
});

let store: Store;
let now: Date;
let deps: IngestDeps;


function submission(fields: Partial<Submission> = {}): Submission {
  return {
    submissionId: randomUUID(),
    projectKey: 'pk_test',
    surveyId: 'app-nps',
    answers: { score: 4, comment: '  Too slow on big docs  ' },
    respondent: { userId: 'u_1', accountId: 'acct_1' },
    context: { plan: 'self-managed', locale: 'en' },
    ...fields,
  };
}

/** The state a collector leaves when it dies right after inserting the response. */
async function responseWithoutEffects(sub: Submission): Promise<string> {
  const { id } = await ingestSubmission(deps, sub);
  // Undo the effects ingest wrote, leaving the response as the crash left it (claim set, nothing else).
  await store.collection('alerts').deleteMany({});
  await store.collection('rollups').deleteMany({});
  await store.collection('responses').updateOne({ _id: id }, { $set: { effectsPending: new Date(now.getTime() + EFFECTS_CLAIM_MS) } });
  return id;
}

const rollups = () => store.collection('rollups').find({}, { sort: { _id: 1 } });
const alerts = () => store.collection('alerts').find({}, { sort: { channel: 1 } });

describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    (opened) => {
      store = opened;
      now = new Date('2026-03-04T23:59:59.500Z');
      deps = { store, config, clock: () => now };
    },
  );

  describe('ingestSubmission', () => {
    it('stores a detractor with its category, plan, day and routing, and enqueues one alert per channel', async () => {
      const sub = submission();
      const result = await ingestSubmission(deps, sub);

      expect(result).toEqual({ id: expect.any(String), duplicate: false });
      const stored = await store.collection('responses').findOne({ _id: result.id });
      expect(stored).toEqual({
        _id: result.id,
        submissionId: sub.submissionId,
        projectKey: 'pk_test',
        surveyId: 'app-nps',
        kind: 'nps',
        productArea: 'editor',
        answers: { score: 4, comment: 'Too slow on big docs' },
        category: 'detractor',
        hasComment: true,
        respondent: { userId: 'u_1', accountId: 'acct_1' },
        context: { plan: 'self-managed', locale: 'en' },
        plan: 'self-managed',
        receivedAt: now,
        day: '2026-03-04',
        routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
        triage: { status: 'new', tags: [], history: [] },
      });

      // Email needs an SMTP transport, which these deps do not have.
      expect(await alerts()).toEqual(
        ['slack', 'webhook'].map((channel) => ({
          _id: expect.any(String),
          responseId: result.id,
          ownerId: 'pm-editor',
          channel,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        })),
      );
      expect(await rollups()).toEqual([
        {
          _id: '2026-03-04|app-nps|self-managed',
          day: '2026-03-04',
          projectKey: 'pk_test',
          surveyId: 'app-nps',
          kind: 'nps',
          productArea: 'editor',
          plan: 'self-managed',
          responses: 1,
          comments: 1,
          promoters: 0,
          passives: 0,
          detractors: 1,
          reasons: {},
          applying: [],
        },
      ]);
    });

    it('adds an email alert when an SMTP transport is configured', async () => {
      await ingestSubmission({ ...deps, channels: { email: true } }, submission());
      expect((await alerts()).map((a) => a.channel)).toEqual(['email', 'slack', 'webhook']);
    });

    it('routes nothing for a promoter without a comment, and counts it', async () => {
      const { id } = await ingestSubmission(deps, submission({ answers: { score: 10, comment: '   ' }, context: {} }));
      const stored = await store.collection('responses').findOne({ _id: id });
      expect(stored).toMatchObject({ category: 'promoter', hasComment: false, answers: { score: 10 }, routing: { status: 'skipped', reason: 'not-actionable' } });
      expect(stored).not.toHaveProperty('plan');
      expect(await alerts()).toEqual([]);
      expect(await rollups()).toMatchObject([{ _id: '2026-03-04|app-nps|unknown', plan: 'unknown', responses: 1, comments: 0, promoters: 1 }]);
    });

    it('counts cancel and uninstall reasons, per day, survey and plan', async () => {
      const cancel = (reason: string, plan: 'saas' | 'self-managed') =>
        ingestSubmission(deps, submission({ surveyId: 'portal-cancel', answers: { reason }, context: { plan } }));
      await cancel('too-expensive', 'saas');
      await cancel('too-expensive', 'saas');
      await cancel('other', 'saas');
      await cancel('too-expensive', 'self-managed');
      await ingestSubmission(deps, submission({ surveyId: 'extension-exit', answers: { reasons: ['privacy', 'too-slow'], comment: 'meh' } }));
      now = new Date('2026-03-05T00:00:00Z');
      await cancel('other', 'saas');

      expect((await rollups()).map(({ _id, responses, comments, reasons }) => ({ _id, responses, comments, reasons }))).toEqual([
        { _id: '2026-03-04|extension-exit|self-managed', responses: 1, comments: 1, reasons: { privacy: 1, 'too-slow': 1 } },
        { _id: '2026-03-04|portal-cancel|saas', responses: 3, comments: 0, reasons: { 'too-expensive': 2, other: 1 } },
        { _id: '2026-03-04|portal-cancel|self-managed', responses: 1, comments: 0, reasons: { 'too-expensive': 1 } },
        { _id: '2026-03-05|portal-cancel|saas', responses: 1, comments: 0, reasons: { other: 1 } },
      ]);
      // Cancel answers without a comment are not actionable: no alerts.
      expect((await alerts()).every((a) => a.ownerId === 'pm-growth')).toBe(true);
    });

    it('treats a repeated submission id as the same answer: no second response, alert or count', async () => {
      const sub = submission();
      const first = await ingestSubmission(deps, sub);
      const alertsBefore = await alerts();
      now = new Date(now.getTime() + 60_000);
      const again = await ingestSubmission(deps, { ...sub, answers: { score: 9 } });

      expect(again).toEqual({ id: first.id, duplicate: true });
      expect(await store.collection('responses').count({})).toBe(1);
      expect(await alerts()).toEqual(alertsBefore);
      expect(await rollups()).toMatchObject([{ responses: 1, detractors: 1, promoters: 0 }]);
    });

    it.each([
      ['an unknown project', { projectKey: 'pk_nope' }, 'HEED_ERR_UNKNOWN_PROJECT', 'unknown project key "pk_nope"'],
      ['an unknown survey', { surveyId: 'nope' }, 'HEED_ERR_UNKNOWN_SURVEY', 'unknown survey "nope" in project "pk_test"'],
      ['an inactive survey', { surveyId: 'paused-nps' }, 'HEED_ERR_SURVEY_INACTIVE', 'survey "paused-nps" is not accepting answers'],
      ['answers that do not fit', { answers: { reason: 'too-expensive' } }, 'HEED_ERR_ANSWERS', 'answers: answers.reason is not asked by nps surveys'],
    ])('refuses %s and stores nothing', async (_name, fields, code, message) => {
      await expect(ingestSubmission(deps, submission(fields))).rejects.toMatchObject({ code, message });
      expect(await store.collection('responses').count({})).toBe(0);
      expect(await rollups()).toEqual([]);
      expect(await alerts()).toEqual([]);
    });

    it('refuses a survey of another project', async () => {
      const other = testConfig({
        projects: [{ key: 'pk_test', name: 'Test' }, { key: 'pk_other', name: 'Other' }],
      });
      await expect(ingestSubmission({ ...deps, config: other }, submission({ projectKey: 'pk_other' }))).rejects.toMatchObject({
        code: 'HEED_ERR_UNKNOWN_SURVEY',
      });
    });
  });

  describe('crash recovery', () => {
    it('a repeat after the claim expired completes the missing alerts and counts', async () => {
      const sub = submission();
      const id = await responseWithoutEffects(sub);

      // Within the claim, the first collector may still be at work: the repeat leaves the effects alone.
      now = new Date(now.getTime() + 1_000);
      expect(await ingestSubmission(deps, sub)).toEqual({ id, duplicate: true });
      expect(await alerts()).toEqual([]);

      now = new Date(now.getTime() + EFFECTS_CLAIM_MS);
      expect(await ingestSubmission(deps, sub)).toEqual({ id, duplicate: true });
      expect((await alerts()).map((a) => [a.responseId, a.channel])).toEqual([[id, 'slack'], [id, 'webhook']]);
      expect(await rollups()).toMatchObject([{ responses: 1, detractors: 1, comments: 1, applying: [] }]);
      expect(await store.collection('responses').findOne({ _id: id })).not.toHaveProperty('effectsPending');

      // Done means done: another repeat changes nothing.
      const before = { alerts: await alerts(), rollups: await rollups() };
      now = new Date(now.getTime() + 10 * EFFECTS_CLAIM_MS);
      await ingestSubmission(deps, sub);
      expect(await resumeIngestEffects(deps)).toBe(0);
      expect({ alerts: await alerts(), rollups: await rollups() }).toEqual(before);
    });

    it('resuming after a crash between the count and its completion neither recounts nor re-ids alerts', async () => {
      const sub = submission();
      const { id } = await ingestSubmission(deps, sub);
      const delivered = await alerts();
      // Died after step 3 (counted, alerts enqueued), before clearing the claim and the rollup's applying list.
      await store.collection('responses').updateOne({ _id: id }, { $set: { effectsPending: new Date(now.getTime() + EFFECTS_CLAIM_MS) } });
      await store.collection('rollups').updateOne({}, { $push: { applying: id } });
      await store.collection('alerts').deleteMany({ channel: 'slack' });

      expect(await resumeIngestEffects(deps)).toBe(0); // the claim has not expired yet
      now = new Date(now.getTime() + EFFECTS_CLAIM_MS);
      expect(await resumeIngestEffects(deps)).toBe(1);

      expect(await rollups()).toMatchObject([{ responses: 1, detractors: 1, comments: 1, applying: [] }]);
      const after = await alerts();
      expect(after.map((a) => a.channel)).toEqual(['slack', 'webhook']);
      expect(after.find((a) => a.channel === 'webhook')?._id).toBe(delivered.find((a) => a.channel === 'webhook')?._id);
      expect(await store.collection('responses').findOne({ _id: id })).not.toHaveProperty('effectsPending');
    });
  });

  describe('recordDisplay and seenBy', () => {
    const display = (fields: Partial<Parameters<typeof recordDisplay>[1]> = {}) => ({
      displayId: randomUUID(),
      projectKey: 'pk_test',
      surveyId: 'app-nps',
      event: 'shown' as const,
      respondent: { userId: 'u_1' },
      ...fields,
    });

    it('stores a display once per display id', async () => {
      const d = display({ respondent: { userId: 'u_1', anonymousId: 'anon-1', accountId: 'acct' } });
      expect(await recordDisplay(deps, d)).toEqual({ id: d.displayId, duplicate: false });
      expect(await recordDisplay(deps, d)).toEqual({ id: d.displayId, duplicate: true });
      expect(await store.collection('displays').find({})).toEqual([
        { _id: d.displayId, projectKey: 'pk_test', surveyId: 'app-nps', event: 'shown', userId: 'u_1', anonymousId: 'anon-1', at: now },
      ]);
    });

    it('refuses unknown projects and surveys', async () => {
      await expect(recordDisplay(deps, display({ projectKey: 'pk_nope' }))).rejects.toMatchObject({ code: 'HEED_ERR_UNKNOWN_PROJECT' });
      await expect(recordDisplay(deps, display({ surveyId: 'nope' }))).rejects.toMatchObject({ code: 'HEED_ERR_UNKNOWN_SURVEY' });
      expect(await store.collection('displays').count({})).toBe(0);
    });

    it('reports when a person was last shown each survey, by user or anonymous id', async () => {
      const at = (iso: string) => {
        now = new Date(iso);
      };
      at('2026-03-01T10:00:00Z');
      await recordDisplay(deps, display());
      at('2026-03-02T10:00:00Z');
      await recordDisplay(deps, display({ respondent: { anonymousId: 'anon-1' } }));
      at('2026-03-03T10:00:00Z');
      await recordDisplay(deps, display({ surveyId: 'portal-cancel', respondent: { anonymousId: 'anon-1' } }));
      at('2026-03-04T10:00:00Z');
      await recordDisplay(deps, display({ event: 'dismissed' })); // not a "shown"
      await recordDisplay(deps, display({ respondent: { userId: 'u_2' } })); // someone else

      expect(await seenBy(deps, 'pk_test', { userId: 'u_1' })).toEqual({
        lastShownAt: { 'app-nps': '2026-03-01T10:00:00.000Z' },
        lastAnyShownAt: '2026-03-01T10:00:00.000Z',
      });
      expect(await seenBy(deps, 'pk_test', { userId: 'u_1', anonymousId: 'anon-1' })).toEqual({
        lastShownAt: { 'app-nps': '2026-03-02T10:00:00.000Z', 'portal-cancel': '2026-03-03T10:00:00.000Z' },
        lastAnyShownAt: '2026-03-03T10:00:00.000Z',
      });
      expect(await seenBy(deps, 'pk_test', { userId: 'u_9' })).toEqual({ lastShownAt: {}, lastAnyShownAt: null });
      expect(await seenBy(deps, 'pk_test', {})).toEqual({ lastShownAt: {}, lastAnyShownAt: null });
      await expect(seenBy(deps, 'pk_nope', { userId: 'u_1' })).rejects.toMatchObject({ code: 'HEED_ERR_UNKNOWN_PROJECT' });
    });
  });
});

describe('on the embedded store', () => {
  let dataDir: string;
  useTestStore(
    async () => {
      const dir = await tempDir();
      dataDir = dir.path;
      return { store: await openEmbeddedStore({ dataDir }), remove: dir.remove };
    },
    (opened) => {
      store = opened;
      now = new Date('2026-03-04T23:59:59.500Z');
      deps = { store, config, clock: () => now };
    },
  );

  it('with an effects queue, resolves once the response is in its datafile, claimed; the effects follow', async () => {
    const failures: unknown[] = [];
    const effects = createIngestEffects(deps, { onError: (error) => failures.push(error) });
    const { id } = await ingestSubmission({ ...deps, effects }, submission());

    const lines = (await readFile(join(dataDir, 'responses.db'), 'utf8')).trim().split('\n');
    const written = lines.map((line) => JSON.parse(line) as { _id: string }).filter((doc) => doc._id === id);
    expect(written).toMatchObject([{ effectsPending: { $$date: now.getTime() + EFFECTS_CLAIM_MS } }]);

    await effects.drain();
    expect(failures).toEqual([]);
    expect(await store.collection('alerts').count({ responseId: id })).toBe(2);
    expect(await rollups()).toMatchObject([{ responses: 1, detractors: 1, applying: [] }]);
    expect(await store.collection('responses').findOne({ _id: id })).not.toHaveProperty('effectsPending');
  });

  it('a crash right after the acknowledgement leaves the effects to be resumed after a restart', async () => {
    const dies: IngestEffects = { schedule: () => undefined, drain: async () => undefined };
    const { id } = await ingestSubmission({ ...deps, effects: dies }, submission());
    await store.close();
    store = await openEmbeddedStore({ dataDir });
    deps = { ...deps, store };
    try {
      expect(await resumeIngestEffects(deps)).toBe(0); // the claim of the dead collector has not expired
      now = new Date(now.getTime() + EFFECTS_CLAIM_MS);
      expect(await resumeIngestEffects(deps)).toBe(1);
      expect(await store.collection('alerts').count({ responseId: id })).toBe(2);
      expect(await rollups()).toMatchObject([{ responses: 1, applying: [] }]);
    } finally {
      await store.close();
    }
  });

  it('survives a restart of the store in between', async () => {
    const id = await responseWithoutEffects(submission());
    await store.close();
    store = await openEmbeddedStore({ dataDir });
    deps = { ...deps, store };
    try {
      now = new Date(now.getTime() + EFFECTS_CLAIM_MS);
      expect(await resumeIngestEffects(deps)).toBe(1);
      expect(await store.collection('alerts').count({ responseId: id })).toBe(2);
      expect(await rollups()).toMatchObject([{ responses: 1, applying: [] }]);
    } finally {
      await store.close();
    }
  });
});
