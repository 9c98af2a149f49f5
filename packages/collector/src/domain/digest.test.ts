import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Answers, Plan } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { buildDigest } from './digest.ts';
import { ingestSubmission } from './ingest.ts';
import { updateTriage } from './triage.ts';
import { testEngines } from './test-engines.ts';
import { testConfig } from './test-support.ts';

// Default schedule: Friday 16:00 UTC. The digest due Fri 2026-03-06 16:00 covers [Feb 27 16:00, Mar 6 16:00).
const config = testConfig({ publicUrl: 'https://heed.example.com/' });
const due = new Date('2026-03-06T16:00:00Z');
let store: Store;
let remove: () => Promise<void>;

/** Ingests one answer as if it arrived at `at`, through the real ingest path (routing included); returns its id. */
async function answer(at: string, surveyId: string, answers: Answers, plan?: Plan): Promise<string> {
  const arrival = new Date(at);
  const { id } = await ingestSubmission(
    { store, config, clock: () => arrival },
    { submissionId: randomUUID(), projectKey: 'pk_test', surveyId, answers, respondent: {}, context: plan ? { plan } : {} },
  );
  return id;
}

const deps = (now = new Date('2026-03-06T17:00:00Z')) => ({ store, config, clock: () => now });

describe.each(testEngines())('on the $name store', (engine) => {
  beforeEach(async () => {
    ({ store, remove } = await engine.open());
  });

  afterEach(async () => {
    await store.close();
    await remove();
  });

  describe('buildDigest', () => {
    it("covers the owner's part of the product for the week and the week before", async () => {
      // Prior week: a promoter (not routed: no comment) and a routed detractor, both in the editor area.
      await answer('2026-02-26T10:00:00Z', 'app-nps', { score: 9 }, 'saas');
      await answer('2026-02-26T11:00:00Z', 'app-nps', { score: 3 }, 'saas');
      // This week, start inclusive, end exclusive.
      await answer('2026-02-27T16:00:00Z', 'app-nps', { score: 10 }, 'saas');
      await answer('2026-03-02T09:00:00Z', 'app-nps', { score: 10, comment: 'love it <3' }, 'self-managed');
      await answer('2026-03-03T09:00:00Z', 'app-nps', { score: 8 });
      await answer('2026-03-06T15:59:59Z', 'app-nps', { score: 2, comment: 'crashes' }, 'saas');
      await answer('2026-03-06T16:00:00Z', 'app-nps', { score: 0, comment: 'next week' }, 'saas');
      // Someone else's: billing goes to pm-growth.
      await answer('2026-03-04T09:00:00Z', 'portal-cancel', { reason: 'too-expensive', comment: 'pricey' }, 'saas');

      const digest = await buildDigest(deps(), 'pm-editor', due);
      expect(digest.owner).toEqual({ id: 'pm-editor', name: 'Editor PM' });
      expect(digest.periodKey).toBe('2026-03-06');
      expect(digest.timeZone).toBe('UTC');
      expect(digest.week).toEqual({
        start: '2026-02-27T16:00:00.000Z',
        end: '2026-03-06T16:00:00.000Z',
        responses: 4,
        comments: 2,
        promoters: 2,
        passives: 1,
        detractors: 1,
        nps: 25,
      });
      expect(digest.priorWeek).toMatchObject({ start: '2026-02-20T16:00:00.000Z', responses: 2, promoters: 1, detractors: 1, nps: 0 });
      expect(digest.comments.map((c) => c.comment)).toEqual(['crashes', 'love it <3']);
      expect(digest.comments[0]).toMatchObject({ kind: 'nps', score: 2, category: 'detractor', plan: 'saas', status: 'new' });
      expect(digest.topReasons).toEqual({ cancel: [], uninstall: [] });
      // Open items: the prior week's detractor, this week's two comments and next week's one.
      expect(digest.openTriage).toBe(4);
      expect(digest.consoleUrl).toBe('https://heed.example.com/console');
    });

    it('ranks the top cancel and uninstall reasons, labelled from the config', async () => {
      for (const reason of ['too-expensive', 'too-expensive', 'missing-features', 'too-expensive']) {
        await answer('2026-03-02T09:00:00Z', 'portal-cancel', { reason }, 'saas');
      }
      // Uninstall surveys have no route: with a comment they go to the rotation owner, pm-growth.
      await answer('2026-03-03T09:00:00Z', 'extension-exit', { reasons: ['privacy', 'too-slow'], comment: 'slow' });
      await answer('2026-03-03T10:00:00Z', 'extension-exit', { reasons: ['privacy'], comment: 'tracking?' });
      await answer('2026-03-03T11:00:00Z', 'extension-exit', { reasons: ['not-useful'] }); // no comment: nobody's

      const digest = await buildDigest(deps(), 'pm-growth', due);
      expect(digest.topReasons.cancel).toEqual([
        { id: 'too-expensive', label: 'Too expensive', count: 3 },
        { id: 'missing-features', label: 'Missing features', count: 1 },
      ]);
      expect(digest.topReasons.uninstall).toEqual([
        { id: 'privacy', label: 'Privacy concerns', count: 2 },
        { id: 'too-slow', label: 'Too slow', count: 1 },
      ]);
      expect(digest.week).toMatchObject({ responses: 6, comments: 2, nps: null });
    });

    it('lists the five newest comments and counts open triage by the current assignee', async () => {
      const ids: string[] = [];
      for (let day = 1; day <= 6; day += 1) {
        ids.push(await answer(`2026-03-0${day}T08:00:00Z`, 'app-nps', { score: 5, comment: `day ${day}` }, 'saas'));
      }
      const triage = deps();
      await updateTriage(triage, ids[0] as string, { status: 'closed' }, 'pm');
      await updateTriage(triage, ids[1] as string, { status: 'acknowledged' }, 'pm');
      await updateTriage(triage, ids[2] as string, { owner: 'pm-growth' }, 'pm');

      const editor = await buildDigest(deps(), 'pm-editor', due);
      expect(editor.comments.map((c) => c.comment)).toEqual(['day 6', 'day 5', 'day 4', 'day 3', 'day 2']);
      expect(editor.openTriage).toBe(4);
      const growth = await buildDigest(deps(), 'pm-growth', due);
      expect(growth.openTriage).toBe(1);
      expect(growth.comments.map((c) => c.comment)).toEqual(['day 3']);
    });

    it('previews the next digest by default, in the configured time zone', async () => {
      const berlin = testConfig({ digest: { weekday: 'monday', hour: 9, timeZone: 'Europe/Berlin' } });
      await answer('2026-03-28T12:00:00Z', 'app-nps', { score: 9 });
      // Mon 2026-03-30 09:00 CEST is 07:00 UTC; the week before started Mon 2026-03-23 09:00 CET (08:00 UTC).
      const digest = await buildDigest({ store, config: berlin, clock: () => new Date('2026-03-29T12:00:00Z') }, 'pm-editor');
      expect(digest.periodKey).toBe('2026-03-30');
      expect(digest.week).toMatchObject({ start: '2026-03-23T08:00:00.000Z', end: '2026-03-30T07:00:00.000Z', responses: 1, nps: 100 });
      expect(digest.timeZone).toBe('Europe/Berlin');
    });

    it('refuses an owner the config does not name', async () => {
      await expect(buildDigest(deps(), 'pm-nobody')).rejects.toMatchObject({ code: 'HEED_ERR_NOT_FOUND', statusCode: 404 });
    });
  });
});
