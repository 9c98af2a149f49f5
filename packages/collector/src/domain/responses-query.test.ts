import { describe, expect, it } from 'vitest';
import { ResponseQuerySchema, type ResponseQuery } from '@heed/shared';
import type { ResponseDoc, Store } from '../store/store.ts';
import { csvCell, listResponses, presentResponse, responsesCsv } from './responses-query.ts';
import { testEngines } from './test-engines.ts';
import { testResponse, useTestStore } from './test-support.ts';

let store: Store;


const query = (input: Record<string, string> = {}): ResponseQuery => ResponseQuerySchema.parse(input);

function response(n: number, at: string, fields: Partial<ResponseDoc> = {}): ResponseDoc {
  const receivedAt = new Date(at);
  return testResponse({
    _id: `r-${String(n).padStart(2, '0')}`,
    submissionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    receivedAt,
    day: at.slice(0, 10),
    ...fields,
  });
}

async function seed(docs: ResponseDoc[]): Promise<void> {
  // Concurrent records share commits: seeding a thousand answers one commit each would take seconds.
  for (let i = 0; i < docs.length; i += 50) await Promise.all(docs.slice(i, i + 50).map((doc) => store.responses.record(doc, [])));
}

async function allPages(input: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const result = await listResponses(store, query({ ...input, ...(cursor && { cursor }) }));
    ids.push(...result.items.map((item) => item._id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error('too many pages');
}

describe.each(testEngines())('on the $name store', (engine) => {
  useTestStore(
    () => engine.open(),
    (opened) => {
      store = opened;
    },
  );

  describe('listResponses', () => {
    it('pages newest first by (receivedAt, id), ties included, with nothing lost or repeated', async () => {
      // Five share one timestamp: the id breaks the tie.
      const docs = [
        response(1, '2026-03-01T10:00:00Z'),
        ...[2, 3, 4, 5, 6].map((n) => response(n, '2026-03-02T10:00:00Z')),
        response(7, '2026-03-03T10:00:00Z'),
      ];
      await seed(docs);
      for (const limit of ['1', '2', '3', '50']) {
        expect(await allPages({ limit })).toEqual(['r-07', 'r-06', 'r-05', 'r-04', 'r-03', 'r-02', 'r-01']);
      }
      const first = await listResponses(store, query({ limit: '7' }));
      expect(first.nextCursor).toBeNull();
    });

    it('filters by survey, kind, category, plan, area, owner, triage status, comment and UTC dates', async () => {
      await seed([
        response(1, '2026-03-01T00:00:00Z'),
        response(2, '2026-03-01T23:59:59Z', { category: 'promoter', answers: { score: 10 }, hasComment: false, plan: 'self-managed' }),
        response(3, '2026-03-02T00:00:00Z', {
          surveyId: 'portal-cancel',
          kind: 'cancel',
          productArea: 'billing',
          category: undefined,
          answers: { reason: 'other' },
          hasComment: false,
          routing: { status: 'routed', owner: 'pm-growth', reason: 'route:1' },
        }),
        response(4, '2026-03-03T12:00:00Z', {
          routing: { status: 'routed', owner: 'pm-growth', reason: 'rotation' },
          triage: { status: 'acknowledged', owner: 'pm-editor', tags: [], history: [] },
        }),
      ]);
      const ids = async (input: Record<string, string>) => (await listResponses(store, query(input))).items.map((r) => r._id);

      expect(await ids({ survey: 'portal-cancel' })).toEqual(['r-03']);
      expect(await ids({ kind: 'nps' })).toEqual(['r-04', 'r-02', 'r-01']);
      expect(await ids({ category: 'promoter' })).toEqual(['r-02']);
      expect(await ids({ plan: 'self-managed' })).toEqual(['r-02']);
      expect(await ids({ productArea: 'billing' })).toEqual(['r-03']);
      expect(await ids({ hasComment: 'false' })).toEqual(['r-03', 'r-02']);
      expect(await ids({ status: 'acknowledged' })).toEqual(['r-04']);
      // The triage owner, when reassigned, wins over the routed one.
      expect(await ids({ owner: 'pm-editor' })).toEqual(['r-04', 'r-02', 'r-01']);
      expect(await ids({ owner: 'pm-growth' })).toEqual(['r-03']);
      // `to` is exclusive; dates are UTC days.
      expect(await ids({ from: '2026-03-01', to: '2026-03-02' })).toEqual(['r-02', 'r-01']);
      expect(await ids({ from: '2026-03-02' })).toEqual(['r-04', 'r-03']);
      expect(await ids({ from: '2026-03-01T23:00:00+01:00', to: '2026-03-03T12:00:00Z' })).toEqual(['r-03', 'r-02']);
      expect(await ids({ kind: 'nps', from: '2026-03-01T12:00:00Z', limit: '1' })).toEqual(['r-04']);
    });

    it('keeps filters applied across pages', async () => {
      await seed([1, 2, 3, 4, 5, 6].map((n) => response(n, `2026-03-0${n}T10:00:00Z`, n % 2 ? {} : { plan: 'self-managed' })));
      expect(await allPages({ plan: 'saas', limit: '1' })).toEqual(['r-05', 'r-03', 'r-01']);
    });

    it.each(['bogus', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["not a date","x"]').toString('base64url'), '!!!'])(
      'refuses the cursor %j',
      async (cursor) => {
        await expect(listResponses(store, query({ cursor }))).rejects.toMatchObject({ code: 'HEED_ERR_BAD_CURSOR', statusCode: 400 });
      },
    );
  });

  describe('presentResponse', () => {
    it('uses id for _id, ISO dates, and drops bookkeeping', () => {
      const doc = testResponse({
        triage: { status: 'actioned', tags: ['bug'], history: [{ at: new Date('2026-03-05T09:00:00Z'), actor: 'ana', changes: { status: 'actioned' } }] },
      });
      const presented = presentResponse(doc);
      expect(presented).toMatchObject({
        id: doc._id,
        receivedAt: '2026-03-04T10:00:00.000Z',
        triage: { status: 'actioned', tags: ['bug'], history: [{ at: '2026-03-05T09:00:00.000Z', actor: 'ana', changes: { status: 'actioned' } }] },
      });
      expect(presented).not.toHaveProperty('_id');
      expect(JSON.parse(JSON.stringify(presented))).toEqual(presented);
    });
  });

  describe('responsesCsv', () => {
    async function csv(input: Record<string, string> = {}): Promise<string> {
      let text = '';
      for await (const chunk of responsesCsv(store, query(input))) text += chunk;
      return text;
    }

    it('writes a header and one RFC 4180 row per response, formulas neutralised', async () => {
      await seed([
        response(1, '2026-03-01T10:00:00Z', {
          answers: { score: 2, comment: '=HYPERLINK("http://evil.example","click"), then\r\nnew line' },
          respondent: { userId: '+1 555', accountId: '@acct' },
          triage: { status: 'new', tags: ['a', 'b'], history: [] },
        }),
        response(2, '2026-03-02T10:00:00Z', { answers: { score: 9 }, hasComment: false, category: 'promoter', context: {} }),
      ]);
      const lines = (await csv()).split('\r\n');
      expect(lines[0]).toBe(
        'id,receivedAt,projectKey,surveyId,kind,productArea,plan,score,category,reason,reasons,comment,userId,accountId,anonymousId,url,locale,extensionVersion,installId,routing,owner,triageStatus,tags,issueUrl',
      );
      expect(lines[1]).toBe('r-02,2026-03-02T10:00:00.000Z,pk_test,app-nps,nps,editor,saas,9,promoter,,,,u_1,acct_9,,,,,,routed,pm-editor,new,,');
      expect(lines[2]).toBe(
        `r-01,2026-03-01T10:00:00.000Z,pk_test,app-nps,nps,editor,saas,2,detractor,,,"'=HYPERLINK(""http://evil.example"",""click""), then`,
      );
      expect(lines[3]).toBe("new line\",'+1 555,'@acct,,https://app.example.com/doc/1,en,,,routed,pm-editor,new,a;b,");
      expect(lines[4]).toBe('');
      expect(lines).toHaveLength(5);
    });

    it('exports every matching response, past one batch, filters applied', { timeout: 30_000 }, async () => {
      // Past the SQLite adapter's stream batch (1,000) and the CSV chunk (200 rows); fewer on Mongo, whose
      // recording through the claim protocol on the FerretDB test server takes ~30 ms an answer.
      const total = engine.name === 'sqlite' ? 1203 : 303;
      const docs = Array.from({ length: total }, (_, n) =>
        response(n, new Date(Date.UTC(2026, 2, 1) + n * 60_000).toISOString(), n % 3 === 0 ? { plan: 'self-managed' } : {}),
      );
      await seed(docs);
      const lines = (await csv({ plan: 'self-managed', limit: '1' })).trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + total / 3);
      expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(total / 3);
    });

    it.each([
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['-1', "'-1"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tx', "'\tx"],
      ['mid=dle', 'mid=dle'],
      [' =HYPERLINK("http://x")', `"' =HYPERLINK(""http://x"")"`],
      ['\n=1+1', `"'\n=1+1"`],
      ['\u3000@SUM(A1)', "'\u3000@SUM(A1)"],
      ['＝1+1', "'＝1+1"],
      [' plain', ' plain'],
    ])('csvCell(%j) = %j', (input, expected) => {
      expect(csvCell(input)).toBe(expected);
    });
  });
});
