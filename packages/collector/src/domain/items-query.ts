/**
 * Reading the inbox for the admin API: feedback of every source (survey answers and intake items), filtered,
 * newest first by when it happened, keyset-paginated with an opaque cursor; the one API shape every entry
 * has (`presentEntry`), whatever its source; the CSV export of the same selection, streamed from the store.
 */
import type { FeedbackSource, ItemQuery, Page } from '@heed/shared';
import type { InboxEntry, ItemDoc, ItemFilter, ResponseDoc, Store } from '../store/store.ts';
import { decodeCursor, pageOf, type Position } from './cursor.ts';
import { csvLine } from './responses-query.ts';

type PresentedTriage = Omit<ItemDoc['triage'], 'history'> & { history: { at: string; actor: string; changes: Record<string, unknown> }[] };

/** What a survey answer adds to its inbox entry. */
export interface PresentedSurveyAnswer {
  surveyId: string;
  projectKey: string;
  kind: ResponseDoc['kind'];
  score?: number;
  category?: NonNullable<ResponseDoc['category']>;
  reason?: string;
  reasons?: string[];
  userId?: string;
}

/** One inbox entry in the API: the same fields for every source; survey answers add `survey`. */
export interface PresentedItem {
  id: string;
  source: FeedbackSource;
  sourceId: string;
  feedbackType?: string;
  productArea?: string;
  title?: string;
  text: string;
  customer: ItemDoc['customer'];
  reporter?: ItemDoc['reporter'];
  links: ItemDoc['links'];
  details: Record<string, string>;
  occurredAt: string;
  receivedAt: string;
  routing: ItemDoc['routing'];
  triage: PresentedTriage;
  survey?: PresentedSurveyAnswer;
}

function presentTriage(triage: ItemDoc['triage']): PresentedTriage {
  return { ...triage, history: triage.history.map((change) => ({ ...change, at: change.at.toISOString() })) };
}

/** The API shape of an intake item: `id` for `_id`, ISO dates. */
export function presentItem(item: ItemDoc): PresentedItem {
  return {
    id: item._id,
    source: item.source,
    sourceId: item.sourceId,
    ...(item.feedbackType !== undefined && { feedbackType: item.feedbackType }),
    ...(item.productArea !== undefined && { productArea: item.productArea }),
    ...(item.title !== undefined && { title: item.title }),
    text: item.text,
    customer: item.customer,
    ...(item.reporter !== undefined && { reporter: item.reporter }),
    links: item.links,
    details: item.details,
    occurredAt: item.occurredAt.toISOString(),
    receivedAt: item.receivedAt.toISOString(),
    routing: item.routing,
    triage: presentTriage(item.triage),
  };
}

/** A survey answer as an inbox entry: its comment is the text, its account and plan the customer. */
export function presentAnswerAsItem(doc: ResponseDoc): PresentedItem {
  const { answers, respondent } = doc;
  return {
    id: doc._id,
    source: 'survey',
    sourceId: doc.submissionId,
    productArea: doc.productArea,
    text: answers.comment ?? '',
    customer: { ...(respondent.accountId !== undefined && { accountId: respondent.accountId }), ...(doc.plan !== undefined && { plan: doc.plan }) },
    links: [],
    details: {},
    occurredAt: doc.receivedAt.toISOString(),
    receivedAt: doc.receivedAt.toISOString(),
    routing: doc.routing,
    triage: presentTriage(doc.triage),
    survey: {
      surveyId: doc.surveyId,
      projectKey: doc.projectKey,
      kind: doc.kind,
      ...(answers.score !== undefined && { score: answers.score }),
      ...(doc.category !== undefined && { category: doc.category }),
      ...(answers.reason !== undefined && { reason: answers.reason }),
      ...(answers.reasons !== undefined && { reasons: answers.reasons }),
      ...(respondent.userId !== undefined && { userId: respondent.userId }),
    },
  };
}

export function presentEntry(entry: InboxEntry): PresentedItem {
  return entry.source === 'survey' ? presentAnswerAsItem(entry.response) : presentItem(entry.item);
}

/** Where an entry sits in the inbox's order: when it happened (an answer: when received), then id. */
export function entryPosition(entry: InboxEntry): Position {
  return entry.source === 'survey' ? { at: entry.response.receivedAt, id: entry.response._id } : { at: entry.item.occurredAt, id: entry.item._id };
}

/** One page of the inbox, newest first. */
export async function listItems(store: Store, query: ItemQuery): Promise<Page<PresentedItem>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const entries = await store.items.page(itemFilter(query), query.limit + 1, after);
  const page = pageOf(entries, query.limit, entryPosition);
  return { items: page.items.map(presentEntry), nextCursor: page.nextCursor };
}

/** One entry by id: an intake item, else a survey answer; `null` when neither exists. */
export async function findEntry(store: Store, id: string): Promise<InboxEntry | null> {
  const item = await store.items.get(id);
  if (item) return { source: item.source, item };
  const response = await store.responses.get(id);
  return response ? { source: 'survey', response } : null;
}

/** The query's filters as the store takes them. Dates are UTC; `to` is exclusive. */
export function itemFilter(query: ItemQuery): ItemFilter {
  return {
    ...(query.source !== undefined && { source: query.source }),
    ...(query.feedbackType !== undefined && { feedbackType: query.feedbackType }),
    ...(query.productArea !== undefined && { productArea: query.productArea }),
    ...(query.plan !== undefined && { plan: query.plan }),
    ...(query.region !== undefined && { region: query.region }),
    ...(query.status !== undefined && { status: [query.status] }),
    ...(query.owner !== undefined && { owner: query.owner }),
    ...(query.q !== undefined && { search: query.q }),
    ...(query.from !== undefined && { from: parseWhen(query.from) }),
    ...(query.to !== undefined && { to: parseWhen(query.to) }),
  };
}

function parseWhen(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

const CSV_CHUNK_ROWS = 200;

type Cell = string | number | undefined;

const CSV_COLUMNS: [string, (item: PresentedItem) => Cell][] = [
  ['id', (i) => i.id],
  ['occurredAt', (i) => i.occurredAt],
  ['receivedAt', (i) => i.receivedAt],
  ['source', (i) => i.source],
  ['sourceId', (i) => i.sourceId],
  ['feedbackType', (i) => i.feedbackType],
  ['productArea', (i) => i.productArea],
  ['title', (i) => i.title],
  ['text', (i) => i.text],
  ['accountId', (i) => i.customer.accountId],
  ['accountName', (i) => i.customer.accountName],
  ['plan', (i) => i.customer.plan],
  ['region', (i) => i.customer.region],
  ['contactEmail', (i) => i.customer.contactEmail],
  ['reporterName', (i) => i.reporter?.name],
  ['reporterEmail', (i) => i.reporter?.email],
  ['links', (i) => i.links.map((link) => link.url).join(' ')],
  ['surveyId', (i) => i.survey?.surveyId],
  ['score', (i) => i.survey?.score],
  ['details', (i) => (Object.keys(i.details).length > 0 ? JSON.stringify(i.details) : undefined)],
  ['routing', (i) => i.routing.status],
  ['owner', (i) => i.triage.owner ?? i.routing.owner],
  ['triageStatus', (i) => i.triage.status],
  ['tags', (i) => i.triage.tags.join(';')],
  ['issueUrl', (i) => i.triage.issueUrl],
];

/**
 * Every entry matching the query's filters as CSV (RFC 4180, CRLF line ends, cells that a spreadsheet would
 * read as formulas kept as text), streamed from the store a chunk at a time. `limit` and `cursor` are ignored.
 */
export async function* itemsCsv(store: Store, query: ItemQuery): AsyncGenerator<string> {
  yield csvLine(CSV_COLUMNS.map(([name]) => name));
  let chunk: string[] = [];
  for await (const entry of store.items.stream(itemFilter(query))) {
    const item = presentEntry(entry);
    chunk.push(csvLine(CSV_COLUMNS.map(([, cell]) => cell(item))));
    if (chunk.length === CSV_CHUNK_ROWS) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}
