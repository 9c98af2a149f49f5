import type { CancelSurvey, CsatSurvey, PublicSurveysBody } from '@heed/shared';
import { recordShown } from '@heed/shared/eligibility';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShowResult } from './api.ts';
import { createHeed, type HeedDeps } from './create-heed.ts';
import type { OpenRequest } from './ui/open-survey.tsx';

const DAY = 86_400_000;
const onLoad: CsatSurvey = {
  id: 'onboarding-csat',
  project: 'pk_demo',
  productArea: 'onboarding',
  active: true,
  kind: 'csat',
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 500,
  placement: 'center',
  events: [],
};
const onExport: CsatSurvey = { ...onLoad, id: 'export-csat', events: ['exported'], delayMs: 0 };
const cancel: CancelSurvey = { id: 'portal-cancel', project: 'pk_demo', productArea: 'billing', active: true, kind: 'cancel', reasons: [{ id: 'x', label: 'X' }] };

let body: PublicSurveysBody;
let opened: OpenRequest[];
let data: Map<string, string>;

function heed() {
  return createHeed({
    endpoint: 'https://collector.test',
    storage: { getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) },
    fetch: (async () => new Response(JSON.stringify(body), { status: 200 })) as typeof fetch,
    loadUi: async () =>
      ({
        openSurvey: async (request: OpenRequest): Promise<ShowResult> => {
          opened.push(request);
          request.remember?.(recordShown);
          return { status: 'dismissed' };
        },
        pageTransport: () => ({}),
      }) as unknown as Awaited<ReturnType<HeedDeps['loadUi']>>,
  });
}
const elapse = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-01T12:00:00Z') });
  body = { project: { key: 'pk_demo', cooldownDays: 30 }, surveys: [cancel, onExport, onLoad] };
  opened = [];
  data = new Map();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createHeed with CSAT surveys', () => {
  it('shows a CSAT survey without events on page load after its delay, without the focus', async () => {
    heed().init({ project: 'pk_demo' });
    await elapse(499);
    expect(opened).toHaveLength(0);
    await elapse(1);
    expect(opened.map((request) => [request.survey.id, request.takeFocus])).toEqual([['onboarding-csat', false]]);
  });

  it('shows a CSAT survey on the event it lists, with the focus', async () => {
    body.surveys = [onExport];
    const widget = heed();
    widget.init({ project: 'pk_demo' });
    await elapse(1000);
    expect(opened).toHaveLength(0);
    widget.track('exported');
    await elapse(0);
    expect(opened.map((request) => [request.survey.id, request.takeFocus])).toEqual([['export-csat', true]]);
  });

  it('skips show() of a CSAT survey that is not due, as for NPS, but not a cancel form', async () => {
    data.set('heed:seen:pk_demo', JSON.stringify({ shown: { 'export-csat': Date.now() - 10 * DAY }, anyShown: Date.now() - 10 * DAY }));
    body.surveys = [onExport, cancel];
    const widget = heed();
    widget.init({ project: 'pk_demo' });
    expect(await widget.show('export-csat')).toEqual({ status: 'skipped' });
    expect(await widget.show('portal-cancel')).toEqual({ status: 'dismissed' });
    expect(opened.map((request) => request.survey.id)).toEqual(['portal-cancel']);
  });

  it('shows a due CSAT survey on show()', async () => {
    body.surveys = [onExport];
    const widget = heed();
    widget.init({ project: 'pk_demo' });
    expect(await widget.show('export-csat')).toEqual({ status: 'dismissed' });
    expect(opened[0]!.survey).toEqual(onExport);
  });
});
