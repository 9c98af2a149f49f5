import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Submission } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { ingestSubmission, recordDisplay, seenBy, type IngestDeps } from './ingest.ts';
import { testEngines } from './test-engines.ts';
import { testConfig, useTestStore } from './test-support.ts';

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

/** The day counters, by day, survey and plan. */
const rollups = async () =>
  (await store.reports.days({ from: '2026-01-01', to: '2027-01-01' })).sort((x, y) =>
    `${x.day}|${x.surveyId}|${x.plan}`.localeCompare(`${y.day}|${y.surveyId}|${y.plan}`),
  );
const alerts = async () => (await store.alerts.page({}, 100)).sort((x, y) => x.channel.localeCompare(y.channel));
const displayCounts = () => store.reports.displayDays({ from: '2026-01-01', to: '2027-01-01' });

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
      const stored = await store.responses.get(result.id);
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
          scores: { 4: 1 },
          reasons: {},
        },
      ]);
    });

    it('adds an email alert when an SMTP transport is configured', async () => {
      await ingestSubmission({ ...deps, channels: { email: true } }, submission());
      expect((await alerts()).map((a) => a.channel)).toEqual(['email', 'slack', 'webhook']);
    });

    it('routes nothing for a promoter without a comment, and counts it', async () => {
      const { id } = await ingestSubmission(deps, submission({ answers: { score: 10, comment: '   ' }, context: {} }));
      const stored = await store.responses.get(id);
      expect(stored).toMatchObject({ category: 'promoter', hasComment: false, answers: { score: 10 }, routing: { status: 'skipped', reason: 'not-actionable' } });
      expect(stored).not.toHaveProperty('plan');
      expect(await alerts()).toEqual([]);
      expect(await rollups()).toMatchObject([{ day: '2026-03-04', surveyId: 'app-nps', plan: 'unknown', responses: 1, comments: 0, promoters: 1, scores: { 10: 1 } }]);
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

      const key = (r: { day: string; surveyId: string; plan: string }) => `${r.day}|${r.surveyId}|${r.plan}`;
      expect((await rollups()).map((r) => ({ key: key(r), responses: r.responses, comments: r.comments, reasons: r.reasons }))).toEqual([
        { key: '2026-03-04|extension-exit|self-managed', responses: 1, comments: 1, reasons: { privacy: 1, 'too-slow': 1 } },
        { key: '2026-03-04|portal-cancel|saas', responses: 3, comments: 0, reasons: { 'too-expensive': 2, other: 1 } },
        { key: '2026-03-04|portal-cancel|self-managed', responses: 1, comments: 0, reasons: { 'too-expensive': 1 } },
        { key: '2026-03-05|portal-cancel|saas', responses: 1, comments: 0, reasons: { other: 1 } },
      ]);
      // Cancel answers without a comment are not actionable: no alerts.
      expect((await alerts()).every((a) => a.ownerId === 'pm-growth')).toBe(true);
    });

    it('stores nothing twice when the same submission arrives concurrently', async () => {
      const sub = submission();
      const results = await Promise.all([ingestSubmission(deps, sub), ingestSubmission(deps, sub), ingestSubmission(deps, sub)]);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await store.responses.count({})).toBe(1);
      expect(await alerts()).toHaveLength(2);
      expect(await rollups()).toMatchObject([{ responses: 1 }]);
    });

    it('treats a repeated submission id as the same answer: no second response, alert or count', async () => {
      const sub = submission();
      const first = await ingestSubmission(deps, sub);
      const alertsBefore = await alerts();
      now = new Date(now.getTime() + 60_000);
      const again = await ingestSubmission(deps, { ...sub, answers: { score: 9 } });

      expect(again).toEqual({ id: first.id, duplicate: true });
      expect(await store.responses.count({})).toBe(1);
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
      expect(await store.responses.count({})).toBe(0);
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
      expect(await displayCounts()).toEqual([{ day: '2026-03-04', projectKey: 'pk_test', surveyId: 'app-nps', shown: 1, dismissed: 0, snoozed: 0 }]);
      const seen = { lastShownAt: { 'app-nps': now.toISOString() }, lastAnyShownAt: now.toISOString() };
      expect(await seenBy(deps, 'pk_test', { userId: 'u_1' })).toEqual(seen);
      expect(await seenBy(deps, 'pk_test', { anonymousId: 'anon-1' })).toEqual(seen);
    });

    it('refuses unknown projects and surveys', async () => {
      await expect(recordDisplay(deps, display({ projectKey: 'pk_nope' }))).rejects.toMatchObject({ code: 'HEED_ERR_UNKNOWN_PROJECT' });
      await expect(recordDisplay(deps, display({ surveyId: 'nope' }))).rejects.toMatchObject({ code: 'HEED_ERR_UNKNOWN_SURVEY' });
      expect(await displayCounts()).toEqual([]);
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
