/**
 * The Store contract as one vitest suite: every adapter runs it (sqlite-store.test.ts, mongo-store.test.ts).
 * Each case states the capabilities it needs; an engine that lacks one skips the case and says so in the
 * case's name and in a notice at the end of the run, so a gap is never a silent pass.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertDoc, ResponseDoc, Store } from './store.ts';
import { at, makeAlert, makeResponse, T0 } from './store-fixtures.ts';
import { escalationCases } from './store-contract-escalations.ts';
import { settingsCases } from './store-contract-settings.ts';
import { contactCases } from './store-contract-contacts.ts';
import { issueCases } from './store-contract-issues.ts';
import { alertCases } from './store-contract-alerts.ts';
import { itemCases } from './store-contract-items.ts';
import { personCases } from './store-contract-people.ts';

/**
 * What FerretDB 1.24 (SQLite backend) cannot be relied on for: it does not isolate concurrent updates of
 * one document (two `findOneAndUpdate` calls can both claim it), and it has no multi-document transactions.
 */
export const FERRETDB_1_24_GAPS = ['isolated concurrent updates of one document'] as const;

export type StoreCapability = (typeof FERRETDB_1_24_GAPS)[number];

export interface StoreContractOptions {
  /** Capabilities the engine lacks: the cases needing them are skipped, with a message naming them. */
  unsupported?: readonly string[];
  /** The engine named in those messages; defaults to the suite name. */
  engine?: string;
}

/** Opens an empty store; `cleanup` closes it and removes what it stored. */
export type OpenForContract = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

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
    const reason = `${missing.join(', ')} not supported by ${engine}; checked on SQLite`;
    notChecked.push(`${title} (${reason})`);
    it.skip(`${title} [skipped: ${reason}]`, body);
  }

  describe(name, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });
    afterAll(() => {
      if (notChecked.length > 0) {
        console.warn(`${name}: cases not checked on ${engine}:\n${notChecked.map((line) => `  - ${line}`).join('\n')}`);
      }
    });

    const record = (response: ResponseDoc, alerts: AlertDoc[] = []) => store.responses.record(response, alerts);
    const pageIds = async (...args: Parameters<Store['responses']['page']>) => (await store.responses.page(...args)).map((r) => r._id);

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('responses', () => {
      it('records an answer and returns it whole, with Dates as Date objects', async () => {
        const change = { at: at(90), actor: 'pm', changes: { status: { from: 'new', to: 'acknowledged' } } };
        const response = makeResponse(1, {
          answers: { score: 3, comment: 'Too slow & <buggy> "quoted"', reasons: ['slow', 'buggy'] },
          hasComment: true,
          respondent: { userId: 'u1', accountId: 'a1' },
          context: { plan: 'saas', url: 'https://app.example.com/x?y=1', locale: 'de' },
          routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' },
          triage: { status: 'acknowledged', tags: ['perf'], history: [change] },
        });
        expect(await record(response)).toEqual({ id: 'resp-1', duplicate: false });
        const stored = await store.responses.get('resp-1');
        expect(stored).toEqual(response);
        expect(stored?.receivedAt).toBeInstanceOf(Date);
        expect(stored?.triage.history[0]?.at).toBeInstanceOf(Date);
        expect(await store.responses.get('resp-404')).toBeNull();
      });

      it('records a repeated submission once: the first id, duplicate, and no second alert or count', async () => {
        await record(makeResponse(1), [makeAlert(1)]);
        const again = makeResponse(2, { submissionId: makeResponse(1).submissionId });
        expect(await record(again, [makeAlert(2, { responseId: 'resp-2' })])).toEqual({ id: 'resp-1', duplicate: true });
        expect(await store.responses.count({})).toBe(1);
        expect(await store.responses.get('resp-2')).toBeNull();
        expect((await store.alerts.page({}, 10)).map((a) => a._id)).toEqual(['alert-1']);
        const [day] = await store.reports.days({ from: '2026-01-01', to: '2026-02-01' });
        expect(day?.responses).toBe(1);
      });

      it('answers every one of many concurrent records, storing each submission once', async () => {
        const docs = Array.from({ length: 30 }, (_, n) => (n < 20 ? makeResponse(n) : makeResponse(n, { submissionId: makeResponse(n - 20).submissionId })));
        const results = await Promise.all(docs.map((doc) => record(doc)));
        expect(results.filter((result) => !result.duplicate)).toHaveLength(20);
        for (let n = 20; n < 30; n += 1) expect(results[n]).toEqual({ id: `resp-${n - 20}`, duplicate: true });
        expect(await store.responses.count({})).toBe(20);
        const days = await store.reports.days({ from: '2026-01-01', to: '2026-02-01' });
        expect(days.reduce((sum, day) => sum + day.responses, 0)).toBe(20);
      });

      it('stores the alerts given with an answer', async () => {
        await record(makeResponse(1), [makeAlert(1), makeAlert(2, { responseId: 'resp-1', channel: 'webhook' })]);
        const stored = await store.alerts.page({ responseId: 'resp-1' }, 10);
        expect(stored.map((a) => a._id).sort()).toEqual(['alert-1', 'alert-2']);
        expect(await store.alerts.get('alert-1')).toEqual(makeAlert(1));
      });

      it('pages newest first by (receivedAt, id), after a position, and filters on every criterion', async () => {
        await record(makeResponse(1, { plan: 'self-managed', context: { plan: 'self-managed' } }));
        await record(makeResponse(2, { hasComment: true, answers: { score: 2, comment: 'hi' } }));
        await record(makeResponse(3, { surveyId: 'portal-cancel', kind: 'cancel', productArea: 'billing', answers: { reason: 'too-expensive' }, category: undefined }));
        await record(makeResponse(4, { routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' } }));
        await record(makeResponse(5, { routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' }, triage: { status: 'actioned', owner: 'pm-billing', tags: [], history: [] } }));
        // Same instant as resp-5: the id breaks the tie.
        await record(makeResponse(6, { receivedAt: at(5), day: '2026-01-05' }));

        expect(await pageIds({}, 10)).toEqual(['resp-6', 'resp-5', 'resp-4', 'resp-3', 'resp-2', 'resp-1']);
        expect(await pageIds({}, 2)).toEqual(['resp-6', 'resp-5']);
        expect(await pageIds({}, 2, { at: at(5), id: 'resp-5' })).toEqual(['resp-4', 'resp-3']);
        expect(await pageIds({}, 10, { at: at(5), id: 'resp-6' })).toEqual(['resp-5', 'resp-4', 'resp-3', 'resp-2', 'resp-1']);
        expect(await pageIds({ plan: 'self-managed' }, 10)).toEqual(['resp-1']);
        expect(await pageIds({ hasComment: true }, 10)).toEqual(['resp-2']);
        expect(await pageIds({ hasComment: false, kind: 'nps' }, 10)).toEqual(['resp-6', 'resp-5', 'resp-4', 'resp-1']);
        expect(await pageIds({ surveyId: 'portal-cancel' }, 10)).toEqual(['resp-3']);
        expect(await pageIds({ productArea: 'billing', kind: 'cancel' }, 10)).toEqual(['resp-3']);
        expect(await pageIds({ category: 'detractor' }, 10)).toEqual(expect.arrayContaining(['resp-1', 'resp-2']));
        expect(await pageIds({ status: ['actioned'] }, 10)).toEqual(['resp-5']);
        expect(await pageIds({ status: ['new', 'acknowledged'] }, 10)).toEqual(['resp-6', 'resp-4', 'resp-3', 'resp-2', 'resp-1']);
        expect(await pageIds({ status: [] }, 10)).toEqual([]);
        // The owner is the triage owner when reassigned, else the routed one.
        expect(await pageIds({ owner: 'pm-editor' }, 10)).toEqual(['resp-4']);
        expect(await pageIds({ owner: 'pm-billing' }, 10)).toEqual(['resp-5']);
        expect(await pageIds({ from: at(2), to: at(4) }, 10)).toEqual(['resp-3', 'resp-2']);
        expect(await pageIds({ anyOf: [{ owner: 'pm-billing' }, { surveyId: 'portal-cancel' }] }, 10)).toEqual(['resp-5', 'resp-3']);
        expect(await pageIds({ kind: 'nps', anyOf: [{ owner: 'pm-billing' }, { surveyId: 'portal-cancel' }] }, 10)).toEqual(['resp-5']);
        expect(await pageIds({ anyOf: [] }, 10)).toEqual([]);
      });

      // 1,100 answers: a few seconds on a wire-protocol test server.
      it('streams every match newest first, past any batch size', { timeout: 30_000 }, async () => {
        const total = 1100;
        const responses = Array.from({ length: total }, (_, n) => makeResponse(n, { plan: n % 3 === 0 ? 'self-managed' : 'saas' }));
        for (let i = 0; i < total; i += 100) await Promise.all(responses.slice(i, i + 100).map((r) => record(r)));
        const seen: string[] = [];
        for await (const response of store.responses.stream({ plan: 'self-managed' })) seen.push(response._id);
        const expected = responses.filter((r) => r.plan === 'self-managed').reverse().map((r) => r._id);
        expect(seen).toEqual(expected);
        expect(await store.responses.count({ plan: 'self-managed' })).toBe(expected.length);
      });

      it('tallies counts, categories and reasons of the matches', async () => {
        await record(makeResponse(1, { answers: { score: 10 }, category: 'promoter' }));
        await record(makeResponse(2, { answers: { score: 8, comment: 'ok' }, category: 'passive', hasComment: true }));
        await record(makeResponse(3, { answers: { score: 1 }, category: 'detractor' }));
        await record(makeResponse(4, { kind: 'cancel', surveyId: 'portal-cancel', category: undefined, answers: { reason: 'too-expensive', comment: 'x' }, hasComment: true }));
        await record(makeResponse(5, { kind: 'uninstall', surveyId: 'extension-exit', category: undefined, answers: { reasons: ['slow', 'buggy'] } }));
        await record(makeResponse(6, { kind: 'uninstall', surveyId: 'extension-exit', category: undefined, answers: { reasons: ['slow'] } }));
        expect(await store.responses.tally({})).toEqual({
          responses: 6,
          comments: 2,
          promoters: 1,
          passives: 1,
          detractors: 1,
          reasons: { cancel: { 'too-expensive': 1 }, uninstall: { slow: 2, buggy: 1 } },
        });
        expect(await store.responses.tally({ kind: 'cancel' })).toEqual({
          responses: 1,
          comments: 1,
          promoters: 0,
          passives: 0,
          detractors: 0,
          reasons: { cancel: { 'too-expensive': 1 }, uninstall: {} },
        });
        expect((await store.responses.tally({ from: at(100) })).responses).toBe(0);
      });

      it('updates triage only from the triage the caller read, with its history and alerts', async () => {
        const response = makeResponse(1, { routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' } });
        await record(response);
        const change = { at: at(60), actor: 'pm', changes: { owner: { from: 'pm-editor', to: 'pm-billing' } } };
        const updated = await store.responses.updateTriage('resp-1', {
          expected: response.triage,
          next: { status: 'acknowledged', owner: 'pm-billing', issueUrl: 'https://issues.example.com/1', tags: ['pricing'] },
          change,
          alerts: [makeAlert(7, { responseId: 'resp-1', ownerId: 'pm-billing' })],
        });
        const triage = { status: 'acknowledged', owner: 'pm-billing', issueUrl: 'https://issues.example.com/1', tags: ['pricing'], history: [change] };
        expect(updated).toEqual({ ...response, triage });
        expect((await store.responses.get('resp-1'))?.triage).toEqual(triage);
        expect(await pageIds({ owner: 'pm-billing' }, 10)).toEqual(['resp-1']);
        expect(await pageIds({ owner: 'pm-editor' }, 10)).toEqual([]);
        expect(await pageIds({ status: ['acknowledged'] }, 10)).toEqual(['resp-1']);
        expect((await store.alerts.get('alert-7'))?.ownerId).toBe('pm-billing');

        // A caller that read the triage before that change is told so, and changes nothing.
        const stale = await store.responses.updateTriage('resp-1', {
          expected: response.triage,
          next: { status: 'closed', tags: [] },
          change: { at: at(61), actor: 'other', changes: { status: { from: 'new', to: 'closed' } } },
          alerts: [makeAlert(8, { responseId: 'resp-1' })],
        });
        expect(stale).toBe('conflict');
        expect((await store.responses.get('resp-1'))?.triage).toEqual(triage);
        expect(await store.alerts.get('alert-8')).toBeNull();

        // Removing the owner and the link falls back to the routed owner.
        const cleared = await store.responses.updateTriage('resp-1', {
          expected: triage as ResponseDoc['triage'],
          next: { status: 'acknowledged', tags: [] },
          change: { at: at(62), actor: 'pm', changes: {} },
          alerts: [],
        });
        expect(cleared !== 'conflict' && cleared?.triage).toEqual({ status: 'acknowledged', tags: [], history: [change, { at: at(62), actor: 'pm', changes: {} }] });
        expect(await pageIds({ owner: 'pm-editor' }, 10)).toEqual(['resp-1']);
        expect(await store.responses.updateTriage('resp-404', { expected: response.triage, next: { status: 'closed', tags: [] }, change, alerts: [] })).toBeNull();
      });

      it('has nothing to resume after answers recorded whole', async () => {
        await record(makeResponse(1), [makeAlert(1)]);
        expect(await store.responses.resumeInterrupted(at(3600))).toBe(0);
        expect((await store.alerts.page({}, 10)).length).toBe(1);
      });
    });

    describe('search', () => {
      it('finds answers whose comment holds every word, ignoring case and accents, the last word as a prefix', async () => {
        const comment = (n: number, text: string) => makeResponse(n, { answers: { score: 5, comment: text }, hasComment: true });
        await record(comment(1, 'The export to PDF is broken'));
        await record(comment(2, 'Exportieren ist zu langsam, Überraschung'));
        await record(comment(3, 'Café crème: pricing too high'));
        await record(makeResponse(4));
        expect(await pageIds({ search: 'export' }, 10)).toEqual(['resp-2', 'resp-1']);
        expect(await pageIds({ search: 'PDF export' }, 10)).toEqual(['resp-1']);
        expect(await pageIds({ search: 'uberrasch' }, 10)).toEqual(['resp-2']);
        expect(await pageIds({ search: 'CAFE pricing' }, 10)).toEqual(['resp-3']);
        expect(await pageIds({ search: 'crème OR pricing' }, 10)).toEqual([]);
        expect(await pageIds({ search: '"  ' }, 10)).toEqual(['resp-4', 'resp-3', 'resp-2', 'resp-1']);
        expect(await store.responses.count({ search: 'export' })).toBe(2);
      });
    });

    itemCases(() => store);
    escalationCases(() => store, check);
    settingsCases(() => store);
    issueCases(() => store);
    contactCases(() => store, check);
    personCases(() => store);

    alertCases(() => store, check);

    describe('leases', () => {
      it('gives a lease to one holder until it expires, and lets only the holder extend it', async () => {
        expect(await store.leases.acquire('digest:x', 'w1', at(0), at(60))).toBe(true);
        expect(await store.leases.acquire('digest:x', 'w2', at(30), at(90))).toBe(false);
        expect(await store.leases.extend('digest:x', 'w2', at(500))).toBe(false);
        expect(await store.leases.extend('digest:x', 'w1', at(120))).toBe(true);
        expect(await store.leases.acquire('digest:x', 'w2', at(90), at(150))).toBe(false);
        expect(await store.leases.acquire('digest:x', 'w2', at(120), at(180))).toBe(true);
        expect(await store.leases.acquire('digest:y', 'w1', at(120), at(180))).toBe(true);
      });

      check('gives a free lease to one of many concurrent claimants', ['isolated concurrent updates of one document'], async () => {
        await store.leases.acquire('job', 'w0', at(0), at(10));
        const won = await Promise.all(Array.from({ length: 10 }, (_, n) => store.leases.acquire('job', `w${n + 1}`, at(20), at(80))));
        expect(won.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('reports', () => {
      it('counts recorded answers per day, survey and plan, with scores and reasons', async () => {
        await record(makeResponse(1, { answers: { score: 10 }, category: 'promoter' }));
        await record(makeResponse(2, { answers: { score: 10, comment: 'great' }, category: 'promoter', hasComment: true }));
        await record(makeResponse(3, { answers: { score: 3 }, category: 'detractor', plan: undefined, context: {} }));
        await record(makeResponse(4, { answers: { score: 7 }, category: 'passive', receivedAt: new Date('2026-01-06T00:00:00Z'), day: '2026-01-06' }));
        const cancel = { surveyId: 'portal-cancel', kind: 'cancel' as const, productArea: 'billing', category: undefined };
        await record(makeResponse(5, { ...cancel, answers: { reason: 'too-expensive' } }));
        await record(makeResponse(6, { ...cancel, answers: { reason: 'too-expensive', comment: 'x' }, hasComment: true, plan: 'self-managed' }));
        await record(makeResponse(7, { ...cancel, surveyId: 'extension-exit', kind: 'uninstall', productArea: 'extension', answers: { reasons: ['slow', 'buggy'] } }));

        const nps = await store.reports.days({ from: '2026-01-05', to: '2026-01-07', kinds: ['nps'] });
        expect(nps).toEqual([
          {
            day: '2026-01-05', projectKey: 'pk_demo', surveyId: 'app-nps', kind: 'nps', productArea: 'editor', plan: 'saas',
            responses: 2, comments: 1, promoters: 2, passives: 0, detractors: 0, scores: { '10': 2 }, reasons: {},
          },
          {
            day: '2026-01-05', projectKey: 'pk_demo', surveyId: 'app-nps', kind: 'nps', productArea: 'editor', plan: 'unknown',
            responses: 1, comments: 0, promoters: 0, passives: 0, detractors: 1, scores: { '3': 1 }, reasons: {},
          },
          {
            day: '2026-01-06', projectKey: 'pk_demo', surveyId: 'app-nps', kind: 'nps', productArea: 'editor', plan: 'saas',
            responses: 1, comments: 0, promoters: 0, passives: 1, detractors: 0, scores: { '7': 1 }, reasons: {},
          },
        ]);
        const reasons = await store.reports.days({ from: '2026-01-01', to: '2026-02-01', kinds: ['cancel', 'uninstall'] });
        expect(reasons.map((d) => [d.surveyId, d.plan, d.responses, d.reasons])).toEqual([
          ['extension-exit', 'saas', 1, { slow: 1, buggy: 1 }],
          ['portal-cancel', 'saas', 1, { 'too-expensive': 1 }],
          ['portal-cancel', 'self-managed', 1, { 'too-expensive': 1 }],
        ]);
        expect((await store.reports.days({ from: '2026-01-01', to: '2026-02-01', plan: 'self-managed' })).map((d) => d.surveyId)).toEqual(['portal-cancel']);
        expect((await store.reports.days({ from: '2026-01-01', to: '2026-02-01', productArea: 'extension' })).map((d) => d.surveyId)).toEqual(['extension-exit']);
        expect((await store.reports.days({ from: '2026-01-06', to: '2026-02-01', surveyId: 'app-nps' })).map((d) => d.day)).toEqual(['2026-01-06']);
        expect(await store.reports.days({ from: '2026-01-01', to: '2026-02-01', kinds: [] })).toEqual([]);
      });
    });

  });
}
