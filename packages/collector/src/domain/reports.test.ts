import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportQuerySchema, type Answers, type Plan, type ReportQuery } from '@heed/shared';
import type { Store } from '../store/store.ts';
import { ingestSubmission } from './ingest.ts';
import { MAX_REPORT_POINTS, npsReport, reasonsReport, startOfPeriod } from './reports.ts';
import { testEngines } from './test-engines.ts';
import { testConfig } from './test-support.ts';

const config = testConfig();
let store: Store;
let remove: () => Promise<void>;
const now = new Date('2026-03-18T12:00:00Z'); // a Wednesday
const clock = () => now;

/** Ingests one answer as if it arrived at `at`, through the real ingest path (which keeps the rollups). */
async function answer(at: string, surveyId: string, answers: Answers, plan?: Plan): Promise<void> {
  const arrival = new Date(at);
  await ingestSubmission(
    { store, config, clock: () => arrival },
    {
      submissionId: randomUUID(),
      projectKey: 'pk_test',
      surveyId,
      answers,
      respondent: {},
      context: plan ? { plan } : {},
    },
  );
}

const query = (fields: Partial<Record<keyof ReportQuery, string>> = {}): ReportQuery => ReportQuerySchema.parse(fields);

describe.each(testEngines())('on the $name store', (engine) => {
  beforeEach(async () => {
    ({ store, remove } = await engine.open());
  });

  afterEach(async () => {
    await store.close();
    await remove();
  });

  describe('npsReport', () => {
    beforeEach(async () => {
      // Week of Mon 2026-03-02: two promoters, one detractor (saas), one passive (self-managed).
      await answer('2026-03-02T08:00:00Z', 'app-nps', { score: 10 }, 'saas');
      await answer('2026-03-04T23:59:59Z', 'app-nps', { score: 9, comment: 'nice' }, 'saas');
      await answer('2026-03-08T23:59:59Z', 'app-nps', { score: 2 }, 'saas');
      await answer('2026-03-06T10:00:00Z', 'app-nps', { score: 7 }, 'self-managed');
      // Week of Mon 2026-03-09: one detractor without a plan.
      await answer('2026-03-09T00:00:00Z', 'app-nps', { score: 0 });
      // Not NPS: never counted here.
      await answer('2026-03-03T09:00:00Z', 'portal-cancel', { reason: 'too-expensive' }, 'saas');
    });

    it('gives the trailing 12 ISO weeks by default, empty weeks included, and the total', async () => {
      const report = await npsReport({ store, config, clock }, query());
      expect(report.interval).toBe('week');
      expect(report.from).toBe('2025-12-29');
      expect(report.to).toBe('2026-03-19');
      expect(report.points.map((point) => point.period)).toEqual([
        '2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02',
        '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16',
      ]);
      expect(report.points[0]).toEqual({ period: '2025-12-29', responses: 0, promoters: 0, passives: 0, detractors: 0, nps: null });
      expect(report.points[9]).toEqual({ period: '2026-03-02', responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
      expect(report.points[10]).toEqual({ period: '2026-03-09', responses: 1, promoters: 0, passives: 0, detractors: 1, nps: -100 });
      expect(report.total).toEqual({ responses: 5, promoters: 2, passives: 1, detractors: 2, nps: 0 });
    });

    it('buckets by UTC day and by month', async () => {
      const days = await npsReport({ store, config, clock }, query({ interval: 'day', from: '2026-03-04', to: '2026-03-10' }));
      expect(days.points.map((p) => [p.period, p.responses])).toEqual([
        ['2026-03-04', 1], ['2026-03-05', 0], ['2026-03-06', 1], ['2026-03-07', 0], ['2026-03-08', 1], ['2026-03-09', 1],
      ]);
      const months = await npsReport({ store, config, clock }, query({ interval: 'month', from: '2026-01-15', to: '2026-04-01' }));
      expect(months.points.map((p) => [p.period, p.responses, p.nps])).toEqual([
        ['2026-01-01', 0, null], ['2026-02-01', 0, null], ['2026-03-01', 5, 0],
      ]);
    });

    it('filters by plan, survey and product area; `to` is exclusive', async () => {
      const saas = await npsReport({ store, config, clock }, query({ plan: 'saas' }));
      expect(saas.total).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
      const exclusive = await npsReport({ store, config, clock }, query({ from: '2026-03-02', to: '2026-03-08' }));
      expect(exclusive.total.responses).toBe(3);
      expect((await npsReport({ store, config, clock }, query({ productArea: 'billing' }))).total.responses).toBe(0);
      expect((await npsReport({ store, config, clock }, query({ survey: 'app-nps', productArea: 'editor' }))).total.responses).toBe(5);
    });

    it('rejects an empty range and one with too many points, naming the field', async () => {
      await expect(npsReport({ store, config, clock }, query({ from: '2026-03-10', to: '2026-03-10' }))).rejects.toMatchObject({
        code: 'HEED_ERR_VALIDATION',
        statusCode: 400,
        message: expect.stringContaining('from: must be before to'),
      });
      await expect(npsReport({ store, config, clock }, query({ interval: 'day', from: '2020-01-01', to: '2026-01-01' }))).rejects.toMatchObject({
        code: 'HEED_ERR_VALIDATION',
        message: expect.stringContaining(`more than ${MAX_REPORT_POINTS} days`),
      });
    });
  });

  describe('reasonsReport', () => {
    it('counts cancel and uninstall reasons by month and plan, with the labels', async () => {
      await answer('2026-02-27T10:00:00Z', 'portal-cancel', { reason: 'too-expensive' }, 'saas');
      await answer('2026-03-01T10:00:00Z', 'portal-cancel', { reason: 'too-expensive' }, 'saas');
      await answer('2026-03-02T10:00:00Z', 'portal-cancel', { reason: 'missing-features', comment: 'no SSO' }, 'saas');
      await answer('2026-03-03T10:00:00Z', 'portal-cancel', { reason: 'too-expensive' }, 'self-managed');
      await answer('2026-03-04T10:00:00Z', 'extension-exit', { reasons: ['not-useful', 'privacy'] });
      await answer('2026-03-05T10:00:00Z', 'extension-exit', { reasons: ['privacy'] });
      await answer('2026-03-05T11:00:00Z', 'app-nps', { score: 1 }, 'saas');

      const report = await reasonsReport({ store, config, clock }, query());
      expect(report.from).toBe('2025-04-01');
      expect(report.to).toBe('2026-03-19');
      expect(report.months).toEqual([
        { month: '2026-02', kind: 'cancel', plan: 'saas', responses: 1, reasons: { 'too-expensive': 1 } },
        { month: '2026-03', kind: 'cancel', plan: 'saas', responses: 2, reasons: { 'too-expensive': 1, 'missing-features': 1 } },
        { month: '2026-03', kind: 'cancel', plan: 'self-managed', responses: 1, reasons: { 'too-expensive': 1 } },
        { month: '2026-03', kind: 'uninstall', plan: 'unknown', responses: 2, reasons: { 'not-useful': 1, privacy: 2 } },
      ]);
      expect(report.labels.cancel).toEqual({
        'too-expensive': 'Too expensive',
        'missing-features': 'Missing features',
        other: 'Something else',
      });
      expect(report.labels.uninstall).toMatchObject({ privacy: 'Privacy concerns' });

      const selfManaged = await reasonsReport({ store, config, clock }, query({ plan: 'self-managed', from: '2026-03-01' }));
      expect(selfManaged.months).toEqual([
        { month: '2026-03', kind: 'cancel', plan: 'self-managed', responses: 1, reasons: { 'too-expensive': 1 } },
      ]);
      const billing = await reasonsReport({ store, config, clock }, query({ productArea: 'billing', to: '2026-03-01' }));
      expect(billing.months).toEqual([report.months[0]]);
      expect(billing.labels.uninstall).toEqual({});
    });
  });
});

describe('startOfPeriod', () => {
  it('finds the ISO week Monday across month and year ends', () => {
    expect(startOfPeriod('2026-01-01', 'week')).toBe('2025-12-29');
    expect(startOfPeriod('2026-03-08', 'week')).toBe('2026-03-02');
    expect(startOfPeriod('2026-03-09', 'week')).toBe('2026-03-09');
    expect(startOfPeriod('2024-02-29', 'month')).toBe('2024-02-01');
  });
});
