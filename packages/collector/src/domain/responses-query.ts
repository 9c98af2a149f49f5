/**
 * Reading responses for the admin API: filtered, newest first, keyset-paginated with an opaque cursor; the
 * API shape of a response; CSV export streamed from the store.
 */
import type { Page, ResponseQuery } from '@heed/shared';
import type { ResponseDoc, ResponseFilter, Store } from '../store/store.ts';
import { decodeCursor, pageOf } from './cursor.ts';

export type PresentedResponse = Omit<ResponseDoc, '_id' | 'receivedAt' | 'triage'> & {
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
  const docs = await store.responses.page(responseFilter(query), query.limit + 1, after);
  return pageOf(docs, query.limit, (doc) => ({ at: doc.receivedAt, id: doc._id }));
}

/** Rows joined into one chunk of the CSV stream: fewer, larger writes. */
const CSV_CHUNK_ROWS = 200;

/**
 * Every response matching the query's filters as CSV (RFC 4180, CRLF line ends), streamed from the store's
 * cursor: the header line first, then the rows, a chunk at a time. `limit` and `cursor` are ignored.
 */
export async function* responsesCsv(store: Store, query: ResponseQuery): AsyncGenerator<string> {
  yield csvLine(CSV_COLUMNS.map(([name]) => name));
  let chunk: string[] = [];
  for await (const doc of store.responses.stream(responseFilter(query))) {
    chunk.push(csvLine(CSV_COLUMNS.map(([, cell]) => cell(doc))));
    if (chunk.length === CSV_CHUNK_ROWS) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
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

/** The query's filters as the store takes them. Dates are UTC; `to` is exclusive. */
export function responseFilter(query: ResponseQuery): ResponseFilter {
  return {
    ...(query.survey !== undefined && { surveyId: query.survey }),
    ...(query.kind !== undefined && { kind: query.kind }),
    ...(query.category !== undefined && { category: query.category }),
    ...(query.plan !== undefined && { plan: query.plan }),
    ...(query.productArea !== undefined && { productArea: query.productArea }),
    ...(query.status !== undefined && { status: [query.status] }),
    ...(query.hasComment !== undefined && { hasComment: query.hasComment }),
    // The triage owner, when someone reassigned it, else the routed one.
    ...(query.owner !== undefined && { owner: query.owner }),
    ...(query.from !== undefined && { from: parseWhen(query.from) }),
    ...(query.to !== undefined && { to: parseWhen(query.to) }),
    // Words in the comment; blank means no search.
    ...(query.q !== undefined && query.q !== '' && { search: query.q }),
  };
}

/** A date (`2026-11-01`, midnight UTC) or a date-time with offset. */
function parseWhen(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}
