import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportQuerySchema, type Answers, type Plan, type ReportQuery } from '@heed/shared';
import { errors } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { csatReport } from './csat-report.ts';
import { ingestSubmission } from './ingest.ts';
import { testEngines } from './test-engines.ts';
import { testConfig } from './test-support.ts';

const config = testConfig({
  surveys: [
    { id: 'app-nps', project: 'pk_test', kind: 'nps', productArea: 'editor' },
    { id: 'export-csat', project: 'pk_test', kind: 'csat', productArea: 'export' },
    { id: 'editor-csat', project: 'pk_test', kind: 'csat', productArea: 'editor' },
  ],
});
let store: Store;
let remove: () => Promise<void>;
const now = new Date('2026-03-18T12:00:00Z'); // a Wednesday
const clock = () => now;

async function answer(at: string, surveyId: string, answers: Answers, plan?: Plan) {
  const arrival = new Date(at);
  return ingestSubmission(
    { store, config, clock: () => arrival },
    { submissionId: randomUUID(), projectKey: 'pk_test', surveyId, answers, respondent: {}, context: plan ? { plan } : {} },
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

  it('gives the share of 4-5 per period with its Wilson interval, empty periods as null, CSAT answers only', async () => {
    await answer('2026-03-02T10:00:00Z', 'export-csat', { score: 5 }, 'saas');
    await answer('2026-03-03T10:00:00Z', 'export-csat', { score: 4 });
    await answer('2026-03-04T10:00:00Z', 'export-csat', { score: 2, comment: 'Export is slow' }, 'self-managed');
    await answer('2026-03-05T10:00:00Z', 'editor-csat', { score: 3 }, 'saas');
    await answer('2026-03-16T10:00:00Z', 'export-csat', { score: 1 }, 'saas');
    await answer('2026-03-16T11:00:00Z', 'app-nps', { score: 10 }, 'saas');

    const report = await csatReport({ store, config, clock }, query({ from: '2026-03-02', to: '2026-03-23' }));
    expect(report.points.map((point) => [point.period, point.responses, point.satisfied, point.csat])).toEqual([
      ['2026-03-02', 4, 2, 0.5],
      ['2026-03-09', 0, 0, null],
      ['2026-03-16', 1, 0, 0],
    ]);
    expect(report.points[1]!.interval).toBeNull();
    const week = report.points[0]!.interval!;
    expect(week.method).toBe('wilson');
    expect(week.low).toBeCloseTo(0.15, 2);
    expect(week.high).toBeCloseTo(0.85, 2);
    expect(report.total).toMatchObject({ responses: 5, satisfied: 2, csat: 0.4 });
    expect(report.scores).toEqual([1, 1, 1, 1, 1]);
  });

  it('filters by survey, product area and plan, by day or month', async () => {
    await answer('2026-03-02T10:00:00Z', 'export-csat', { score: 5 }, 'saas');
    await answer('2026-03-02T11:00:00Z', 'export-csat', { score: 1 }, 'self-managed');
    await answer('2026-03-03T10:00:00Z', 'editor-csat', { score: 4 }, 'saas');

    const deps = { store, config, clock };
    const range = { from: '2026-03-02', to: '2026-03-04' };
    expect((await csatReport(deps, query({ ...range, survey: 'export-csat' }))).total).toMatchObject({ responses: 2, satisfied: 1 });
    expect((await csatReport(deps, query({ ...range, productArea: 'editor' }))).total).toMatchObject({ responses: 1, satisfied: 1 });
    expect((await csatReport(deps, query({ ...range, plan: 'self-managed' }))).total).toMatchObject({ responses: 1, satisfied: 0, csat: 0 });
    const byDay = await csatReport(deps, query({ ...range, interval: 'day' }));
    expect(byDay.points.map((point) => [point.period, point.responses])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 1],
    ]);
    const byMonth = await csatReport(deps, query({ ...range, interval: 'month' }));
    expect(byMonth.points).toHaveLength(1);
    expect(byMonth.points[0]).toMatchObject({ period: '2026-03-01', responses: 3, satisfied: 2 });
  });

  it('defaults to the trailing 12 ISO weeks and refuses a reversed range', async () => {
    const report = await csatReport({ store, config, clock }, query());
    expect(report.points).toHaveLength(12);
    expect(report.points.at(-1)!.period).toBe('2026-03-16');
    expect(report.total).toEqual({ responses: 0, satisfied: 0, csat: null, interval: null });
    await expect(csatReport({ store, config, clock }, query({ from: '2026-03-10', to: '2026-03-01' }))).rejects.toBeInstanceOf(errors.validation);
  });

  it('stores a CSAT answer without an NPS category, and routes low scores and comments', async () => {
    const low = await answer('2026-03-02T10:00:00Z', 'export-csat', { score: 2 });
    const happy = await answer('2026-03-02T10:00:00Z', 'export-csat', { score: 5 });
    const said = await answer('2026-03-02T10:00:00Z', 'export-csat', { score: 4, comment: 'More formats please' });
    const [lowDoc, happyDoc, saidDoc] = await Promise.all([low, happy, said].map((result) => store.responses.get(result.id)));
    expect(lowDoc).toMatchObject({ kind: 'csat', answers: { score: 2 }, routing: { status: 'routed', owner: 'pm-growth', reason: 'rotation' } });
    expect(lowDoc!.category).toBeUndefined();
    expect(happyDoc!.routing).toMatchObject({ status: 'skipped', reason: 'not-actionable' });
    expect(saidDoc!.routing).toMatchObject({ status: 'routed' });
    await expect(answer('2026-03-02T10:00:00Z', 'export-csat', { score: 0 })).rejects.toThrow(/answers\.score must be an integer from 1 to 5/);
  });
});
