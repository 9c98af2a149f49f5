/**
 * Reading responses for the admin API: filtered, newest first, keyset-paginated with an opaque cursor; the
 * API shape of a response; CSV export.
 */
import type { Page, ResponseQuery } from '@heed/shared';
import type { Filter, ResponseDoc, Store } from '../store/store.ts';
import { afterPosition, decodeCursor, encodeCursor, type Position } from './cursor.ts';

export type PresentedResponse = Omit<ResponseDoc, '_id' | 'effectsPending' | 'receivedAt' | 'triage'> & {
  id: string;
  receivedAt: string;
  triage: Omit<ResponseDoc['triage'], 'history'> & {
    history: { at: string; actor: string; changes: Record<string, unknown> }[];
  };
};

/** The API shape of a stored response: `id` for `_id`, ISO dates, no internal bookkeeping. */
export function presentResponse(doc: ResponseDoc): PresentedResponse {
  return {
    id: doc._id,
    submissionId: doc.submissionId,
    projectKey: doc.projectKey,
    surveyId: doc.surveyId,
    kind: doc.kind,
    productArea: doc.productArea,
    answers: doc.answers,
    ...(doc.category === undefined ? {} : { category: doc.category }),
    hasComment: doc.hasComment,
    respondent: doc.respondent,
    context: doc.context,
    ...(doc.plan === undefined ? {} : { plan: doc.plan }),
    receivedAt: doc.receivedAt.toISOString(),
    day: doc.day,
    routing: doc.routing,
    triage: {
      ...doc.triage,
      history: doc.triage.history.map((change) => ({ ...change, at: change.at.toISOString() })),
    },
  };
}

/** One page of matching responses, newest first by (receivedAt, _id). */
export async function listResponses(store: Store, query: ResponseQuery): Promise<Page<ResponseDoc>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const docs = await store.collection('responses').find(afterPosition(responseFilter(query), 'receivedAt', after), {
    sort: NEWEST_FIRST,
    limit: query.limit + 1,
  });
  const items = docs.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: docs.length > query.limit && last ? encodeCursor({ at: last.receivedAt, id: last._id }) : null };
}

const NEWEST_FIRST = { receivedAt: -1, _id: -1 } as const;
const CSV_BATCH = 500;

/**
 * Every response matching the query's filters as CSV (RFC 4180, CRLF line ends), streamed a batch at a
 * time: the header line first, then one line per response. `limit` and `cursor` are ignored.
 */
export async function* responsesCsv(store: Store, query: ResponseQuery): AsyncGenerator<string> {
  yield csvLine(CSV_COLUMNS.map(([name]) => name));
  const filter = responseFilter(query);
  let after: Position | undefined;
  for (;;) {
    const docs = await store.collection('responses').find(afterPosition(filter, 'receivedAt', after), { sort: NEWEST_FIRST, limit: CSV_BATCH });
    if (docs.length > 0) yield docs.map((doc) => csvLine(CSV_COLUMNS.map(([, cell]) => cell(doc)))).join('');
    const last = docs.at(-1);
    if (docs.length < CSV_BATCH || !last) return;
    after = { at: last.receivedAt, id: last._id };
  }
}

type Cell = string | number | boolean | undefined;

const CSV_COLUMNS: [string, (doc: ResponseDoc) => Cell][] = [
  ['id', (d) => d._id],
  ['receivedAt', (d) => d.receivedAt.toISOString()],
  ['projectKey', (d) => d.projectKey],
  ['surveyId', (d) => d.surveyId],
  ['kind', (d) => d.kind],
  ['productArea', (d) => d.productArea],
  ['plan', (d) => d.plan],
  ['score', (d) => d.answers.score],
  ['category', (d) => d.category],
  ['reason', (d) => d.answers.reason],
  ['reasons', (d) => d.answers.reasons?.join(';')],
  ['comment', (d) => d.answers.comment],
  ['userId', (d) => d.respondent.userId],
  ['accountId', (d) => d.respondent.accountId],
  ['anonymousId', (d) => d.respondent.anonymousId],
  ['url', (d) => d.context.url],
  ['locale', (d) => d.context.locale],
  ['extensionVersion', (d) => d.context.extensionVersion],
  ['installId', (d) => d.context.installId],
  ['routing', (d) => d.routing.status],
  ['owner', (d) => d.triage.owner ?? d.routing.owner],
  ['triageStatus', (d) => d.triage.status],
  ['tags', (d) => d.triage.tags.join(';')],
  ['issueUrl', (d) => d.triage.issueUrl],
];

export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * Text a spreadsheet may read as a formula: starting with `=`, `+`, `-`, `@` (or their full-width forms, which
 * some locales convert), also after leading whitespace or line breaks that importers trim, or with tab or CR.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

/** One CSV field: a would-be formula is prefixed with `'` so it stays text; fields holding `"`, `,`, CR or LF are quoted. */
export function csvCell(value: Cell): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The query's filters in the store's dialect. Dates are UTC; `to` is exclusive. */
export function responseFilter(query: ResponseQuery): Filter {
  const filter: Filter = {};
  if (query.survey !== undefined) filter.surveyId = query.survey;
  if (query.kind !== undefined) filter.kind = query.kind;
  if (query.category !== undefined) filter.category = query.category;
  if (query.plan !== undefined) filter.plan = query.plan;
  if (query.productArea !== undefined) filter.productArea = query.productArea;
  if (query.status !== undefined) filter['triage.status'] = query.status;
  if (query.hasComment !== undefined) filter.hasComment = query.hasComment;
  if (query.from !== undefined || query.to !== undefined) {
    filter.receivedAt = {
      ...(query.from === undefined ? {} : { $gte: parseWhen(query.from) }),
      ...(query.to === undefined ? {} : { $lt: parseWhen(query.to) }),
    };
  }
  if (query.owner !== undefined) {
    // The triage owner, when someone reassigned it, else the routed one.
    filter.$or = [
      { 'triage.owner': query.owner },
      { 'triage.owner': { $exists: false }, 'routing.owner': query.owner },
    ];
  }
  return filter;
}

/** A date (`2026-11-01`, midnight UTC) or a date-time with offset. */
function parseWhen(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}
