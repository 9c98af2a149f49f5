import type { CancelSurvey, NpsSurvey, PublicSurveysBody } from '@heed/shared';
import { recordShown, recordSnoozed } from '@heed/shared/eligibility';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeed, type HeedDeps } from './create-heed.ts';
import { OUTBOX_KEY } from './transport.ts';
import type { ShowResult } from './api.ts';
import type { OpenRequest } from './ui/open-survey.tsx';

const DAY = 86_400_000;

const nps: NpsSurvey = {
  id: 'app-nps',
  project: 'pk_demo',
  productArea: 'editor',
  active: true,
  kind: 'nps',
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 1000,
  placement: 'bottom-right',
  events: [],
};
const onExport: NpsSurvey = { ...nps, id: 'export-nps', events: ['exported'], delayMs: 0 };
const cancel: CancelSurvey = {
  id: 'portal-cancel',
  project: 'pk_demo',
  productArea: 'billing',
  active: true,
  kind: 'cancel',
  reasons: [{ id: 'too-expensive', label: 'Too expensive' }],
};

class MemoryStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

let body: PublicSurveysBody | 'down';
let requests: string[];
let storage: MemoryStorage;
let opened: OpenRequest[];
let outcome: ShowResult;
/** Whether the person picks "ask me later". */
let snoozes: boolean;
let uiLoads: number;
let uiReachable: boolean;
let flushes: number;

/** A UI that shows every survey at once and settles with `outcome`. */
async function showAndSettle(request: OpenRequest): Promise<ShowResult> {
  opened.push(request);
  request.remember?.(recordShown);
  if (snoozes) request.remember?.(recordSnoozed);
  return outcome;
}

const ui = {
  openSurvey: showAndSettle,
  pageTransport: () => {
    flushes += 1;
    return {} as ReturnType<Awaited<ReturnType<HeedDeps['loadUi']>>['pageTransport']>;
  },
};

function heed() {
  return createHeed({
    endpoint: 'https://collector.test',
    storage,
    fetch: (async (url: string) => {
      requests.push(url);
      if (body === 'down') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof fetch,
    loadUi: async () => {
      uiLoads += 1;
      if (!uiReachable) throw new TypeError('Failed to fetch dynamically imported module');
      return ui as unknown as Awaited<ReturnType<HeedDeps['loadUi']>>;
    },
  });
}

/** Let promises settle and timers up to `ms` run. */
const elapse = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-01T12:00:00Z') });
  body = { project: { key: 'pk_demo', cooldownDays: 30 }, surveys: [nps, onExport, cancel] };
  requests = [];
  storage = new MemoryStorage();
  opened = [];
  outcome = { status: 'dismissed' };
  snoozes = false;
  uiLoads = 0;
  uiReachable = true;
  flushes = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createHeed', () => {
  it('shows a due page-load NPS survey after its delay, loading the UI only then', async () => {
    heed().init({ project: 'pk_demo', user: { userId: 'u 1', accountId: 'a_1', plan: 'saas' }, locale: 'de' });
    await elapse(999);
    expect(uiLoads).toBe(0);
    await elapse(1);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      survey: nps,
      endpoint: 'https://collector.test',
      project: 'pk_demo',
      user: { userId: 'u 1', accountId: 'a_1', plan: 'saas' },
      locale: 'de',
      // It opened by itself: it must not take the focus from whatever the person is doing.
      takeFocus: false,
    });
    expect(requests).toEqual(['https://collector.test/v1/projects/pk_demo/surveys?userId=u%201']);
  });

  it('loads nothing beyond itself when no survey is due', async () => {
    storage.setItem('heed:seen:pk_demo', JSON.stringify({ shown: { 'app-nps': Date.now() - 10 * DAY }, anyShown: Date.now() - 10 * DAY, snoozed: {} }));
    heed().init({ project: 'pk_demo' });
    await elapse(10_000);
    expect(uiLoads).toBe(0);
  });

  it('reads a partial or foreign display memory as showings never made', async () => {
    storage.setItem('heed:seen:pk_demo', JSON.stringify({ anyShown: Date.now() - 40 * DAY }));
    heed().init({ project: 'pk_demo' });
    await elapse(1000);
    expect(opened).toHaveLength(1);
    expect(JSON.parse(storage.getItem('heed:seen:pk_demo')!)).toEqual({ anyShown: Date.now(), shown: { 'app-nps': Date.now() } });
  });

  it('respects what the collector saw on another device', async () => {
    body = {
      project: { key: 'pk_demo', cooldownDays: 30 },
      surveys: [nps],
      seen: { lastShownAt: { 'app-nps': new Date(Date.now() - DAY).toISOString() }, lastAnyShownAt: new Date(Date.now() - DAY).toISOString() },
    };
    heed().init({ project: 'pk_demo', user: { userId: 'u_1' } });
    await elapse(10_000);
    expect(uiLoads).toBe(0);
  });

  it('asks for the surveys under a stable anonymous id when there is no user', async () => {
    heed().init({ project: 'pk_demo' });
    heed().init({ project: 'pk_demo' });
    await elapse(0);
    const [first, second] = requests.map((url) => new URL(url).searchParams.get('anonymousId'));
    expect(first).toMatch(/^[0-9a-z]+$/);
    expect(second).toBe(first);
  });

  it('does not ask again within the recontact window once shown', async () => {
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    await elapse(1000);
    expect(opened).toHaveLength(1);
    heed().init({ project: 'pk_demo' });
    await elapse(10_000);
    expect(opened).toHaveLength(1);
  });

  it('counts a survey as shown only once it appears', async () => {
    ui.openSurvey = async (request) => {
      opened.push(request);
      return { status: 'unavailable' };
    };
    try {
      heed().init({ project: 'pk_demo' });
      await elapse(1000);
      heed().init({ project: 'pk_demo' });
      await elapse(1000);
      expect(opened).toHaveLength(2);
    } finally {
      ui.openSurvey = showAndSettle;
    }
  });

  it('gives the UI the same deadline as the rest of the request', async () => {
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    void instance.show('portal-cancel', { timeoutMs: 1500 });
    await elapse(0);
    let passed = false;
    void opened[0]!.deadline!.then(() => (passed = true));
    await elapse(1499);
    expect(passed).toBe(false);
    await elapse(1);
    expect(passed).toBe(true);
  });

  it('comes back after "ask me later" once the snooze is over', async () => {
    snoozes = true;
    heed().init({ project: 'pk_demo' });
    await elapse(1000);
    expect(opened).toHaveLength(1);

    vi.setSystemTime(Date.now() + DAY);
    heed().init({ project: 'pk_demo' });
    await elapse(1000);
    expect(opened).toHaveLength(1);

    vi.setSystemTime(Date.now() + 3 * DAY);
    heed().init({ project: 'pk_demo' });
    await elapse(1000);
    expect(opened).toHaveLength(2);
  });

  it('leaves out people outside the sample', async () => {
    body = { project: { key: 'pk_demo', cooldownDays: 30 }, surveys: [{ ...nps, sampleRate: 0 }] };
    heed().init({ project: 'pk_demo' });
    await elapse(10_000);
    expect(uiLoads).toBe(0);
  });

  it('shows an event-triggered survey only when the event is tracked', async () => {
    body = { project: { key: 'pk_demo', cooldownDays: 30 }, surveys: [onExport] };
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    await elapse(10_000);
    instance.track('opened-settings');
    await elapse(10_000);
    expect(opened).toHaveLength(0);
    instance.track('exported');
    await elapse(0);
    expect(opened.map((request) => request.survey.id)).toEqual(['export-nps']);
    // Opened by what the person did, it may take the focus.
    expect(opened[0]!.takeFocus).toBe(true);
  });

  it('never shows a cancel survey on its own, and shows it on request with the host context', async () => {
    body = { project: { key: 'pk_demo', cooldownDays: 30 }, surveys: [cancel] };
    outcome = { status: 'submitted', responseId: 'resp_1' };
    const instance = heed();
    instance.init({ project: 'pk_demo', user: { userId: 'u_1', plan: 'self-managed' }, nonce: 'n0nce', zIndex: 10 });
    await elapse(10_000);
    expect(opened).toHaveLength(0);

    const mount = { tagName: 'DIV' } as unknown as Element;
    const result = instance.show('portal-cancel', { mount, timeoutMs: 1500, context: { installId: 'i-1' } });
    await elapse(0);
    await expect(result).resolves.toEqual({ status: 'submitted', responseId: 'resp_1' });
    expect(opened[0]).toMatchObject({ survey: cancel, mount, timeoutMs: 1500, context: { installId: 'i-1' }, nonce: 'n0nce', zIndex: 10 });
  });

  it('shows a cancel survey on every request, but an NPS one only when due', async () => {
    const instance = heed();
    instance.init({ project: 'pk_demo', user: { userId: 'u_1' } });
    await elapse(1000);
    expect(opened).toHaveLength(1);

    await expect(instance.show('app-nps')).resolves.toEqual({ status: 'skipped' });
    const first = instance.show('portal-cancel');
    await elapse(0);
    await first;
    const second = instance.show('portal-cancel');
    await elapse(0);
    await second;
    expect(opened.map((request) => request.survey.id)).toEqual(['app-nps', 'portal-cancel', 'portal-cancel']);
  });

  it('skips an unknown survey', async () => {
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    await expect(instance.show('no-such-survey')).resolves.toEqual({ status: 'skipped' });
  });

  it('holds a page-load prompt while a requested survey is open, and shows the request over a prompt', async () => {
    let close!: (outcome: ShowResult) => void;
    ui.openSurvey = async (request) => {
      opened.push(request);
      request.remember?.(recordShown);
      return new Promise((resolve) => (close = resolve));
    };
    try {
      const instance = heed();
      instance.init({ project: 'pk_demo' });
      const cancelled = instance.show('portal-cancel');
      await elapse(10_000);
      expect(opened.map((request) => request.survey.id)).toEqual(['portal-cancel']);
      close({ status: 'dismissed' });
      await expect(cancelled).resolves.toEqual({ status: 'dismissed' });

      // Another browser, where the prompt is up when the host asks for the cancel form.
      storage = new MemoryStorage();
      const other = heed();
      other.init({ project: 'pk_demo' });
      await elapse(1000);
      void other.show('portal-cancel');
      await elapse(0);
      expect(opened.map((request) => request.survey.id)).toEqual(['portal-cancel', 'app-nps', 'portal-cancel']);
    } finally {
      ui.openSurvey = showAndSettle;
    }
  });

  it('resolves unavailable within the timeout when the collector is down', async () => {
    body = 'down';
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    const result = instance.show('portal-cancel', { timeoutMs: 2000 });
    await elapse(0);
    await expect(result).resolves.toEqual({ status: 'unavailable' });
    expect(uiLoads).toBe(0);
  });

  it('resolves unavailable when the UI chunk cannot be loaded', async () => {
    uiReachable = false;
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    const result = instance.show('portal-cancel', { timeoutMs: 2000 });
    await elapse(0);
    await expect(result).resolves.toEqual({ status: 'unavailable' });
  });

  it('resolves unavailable when the collector is too slow for the timeout', async () => {
    const instance = createHeed({
      storage,
      fetch: () => new Promise<Response>(() => undefined),
      loadUi: async () => ui as unknown as Awaited<ReturnType<HeedDeps['loadUi']>>,
    });
    instance.init({ project: 'pk_demo' });
    const result = instance.show('portal-cancel', { timeoutMs: 2000 });
    let settled = false;
    void result.then(() => (settled = true));
    await elapse(1999);
    expect(settled).toBe(false);
    await elapse(1);
    await expect(result).resolves.toEqual({ status: 'unavailable' });
  });

  it('resolves unavailable, never rejects, when the UI fails while opening', async () => {
    ui.openSurvey = async () => {
      throw new Error('no document body');
    };
    try {
      const instance = heed();
      instance.init({ project: 'pk_demo' });
      await expect(instance.show('portal-cancel')).resolves.toEqual({ status: 'unavailable' });
    } finally {
      ui.openSurvey = showAndSettle;
    }
  });

  it('is unavailable before init', async () => {
    await expect(heed().show('portal-cancel')).resolves.toEqual({ status: 'unavailable' });
  });

  it('asks again for the identified person', async () => {
    const instance = heed();
    instance.init({ project: 'pk_demo' });
    instance.identify({ userId: 'u_9' });
    await elapse(0);
    expect(new URL(requests.at(-1)!).searchParams.get('userId')).toBe('u_9');
  });

  it('delivers answers left from an earlier visit by loading the transport', async () => {
    storage.setItem(OUTBOX_KEY, JSON.stringify([{ id: 'x', url: 'https://collector.test/v1/responses', body: {}, createdAt: Date.now() }]));
    body = { project: { key: 'pk_demo', cooldownDays: 30 }, surveys: [] };
    heed().init({ project: 'pk_demo' });
    await elapse(0);
    expect(flushes).toBe(1);
  });
});
