/**
 * Feedback items as stored: a survey response (`source: 'survey'`, `sourceId` = submission id) or an item
 * from an intake path, both with the inbox's fields at the top (`occurredAt`, `owner`, `plan`, `region`,
 * `words`), and the filters of both lists as MongoDB queries on the item indexes.
 */
import type { IntakeSource } from '@heed/shared';
import type { mongo } from 'mongoose';
import { searchQuery, wordsOf } from './mongo-search.ts';
import type { InboxEntry, ItemDoc, ItemFilter, Position, ResponseCriteria, ResponseDoc, ResponseFilter } from './store.ts';

export const SURVEY_SOURCE = 'survey';

/** Keyset order of every list: newest first, the id breaking ties. */
export const NEWEST_FIRST = { occurredAt: -1, _id: -1 } as const;

/** The item's own fields and pending effects, which reads leave out. */
const STORAGE_FIELDS = [
  'owner',
  'words',
  'triageAlertsPending',
  'triageAlertsClaim',
  'triageAlerts',
  'escalatedAt',
] as const;
export const WITHOUT_STORAGE_FIELDS = Object.fromEntries(STORAGE_FIELDS.map((field) => [field, 0]));

/** The owner the lists filter by: the one triage assigned, else the routed one. */
export function ownerOf(item: Pick<ResponseDoc, 'triage' | 'routing'>): string | undefined {
  return item.triage.owner ?? item.routing.owner;
}

function withoutStorageFields(doc: mongo.Document): mongo.Document {
  const copy = { ...doc };
  for (const field of STORAGE_FIELDS) delete copy[field];
  return copy;
}

export function toItem(response: ResponseDoc): mongo.Document {
  const { submissionId, ...rest } = response;
  const owner = ownerOf(response);
  const words = wordsOf(response.answers.comment);
  return {
    ...rest,
    source: SURVEY_SOURCE,
    sourceId: submissionId,
    occurredAt: response.receivedAt,
    ...(owner !== undefined && { owner }),
    ...(words.length > 0 && { words }),
  };
}

/** The response in a stored survey item. */
export function fromItem(doc: mongo.Document): ResponseDoc {
  const { sourceId, source: _source, occurredAt: _occurredAt, ...rest } = withoutStorageFields(doc);
  return { ...rest, submissionId: sourceId } as ResponseDoc;
}

/** The words an intake item is found by: its title and its text. */
export function intakeWords(item: Pick<ItemDoc, 'title' | 'text'>): string[] {
  return wordsOf(item.title, item.text);
}

export function toIntakeItem(item: ItemDoc): mongo.Document {
  const owner = ownerOf(item);
  const { plan, region } = item.customer;
  return {
    ...item,
    ...(owner !== undefined && { owner }),
    ...(plan !== undefined && { plan }),
    ...(region !== undefined && { region }),
    words: intakeWords(item),
  };
}

export function fromIntakeItem(doc: mongo.Document): ItemDoc {
  const { plan: _plan, region: _region, ...item } = withoutStorageFields(doc);
  return item as ItemDoc;
}

export function entryOf(doc: mongo.Document): InboxEntry {
  return doc.source === SURVEY_SOURCE
    ? { source: 'survey', response: fromItem(doc) }
    : { source: doc.source as IntakeSource, item: fromIntakeItem(doc) };
}

/** Matches nothing, for an empty list of alternatives. */
const NOTHING = { _id: { $in: [] } };

type Conditions = Pick<ResponseCriteria, 'productArea' | 'plan' | 'status' | 'owner' | 'search' | 'from' | 'to'>;

/** What both lists filter alike: `from`/`to` are on `occurredAt` (an answer's is when it was received). */
function commonQuery(conditions: Conditions): mongo.Document[] {
  const query: mongo.Document = {};
  if (conditions.productArea !== undefined) query.productArea = conditions.productArea;
  if (conditions.plan !== undefined) query.plan = conditions.plan;
  if (conditions.owner !== undefined) query.owner = conditions.owner;
  if (conditions.status !== undefined) query['triage.status'] = { $in: conditions.status };
  if (conditions.from !== undefined || conditions.to !== undefined) {
    query.occurredAt = { ...(conditions.from && { $gte: conditions.from }), ...(conditions.to && { $lt: conditions.to }) };
  }
  const search = conditions.search === undefined ? null : searchQuery(conditions.search);
  return search ? [query, search] : [query];
}

function criteriaQuery(criteria: ResponseCriteria): mongo.Document {
  const query: mongo.Document = {};
  for (const field of ['surveyId', 'kind', 'category', 'hasComment'] as const) if (criteria[field] !== undefined) query[field] = criteria[field];
  return and([query, ...commonQuery(criteria)]);
}

function and(parts: mongo.Document[]): mongo.Document {
  const nonEmpty = parts.filter((part) => Object.keys(part).length > 0);
  if (nonEmpty.length === 0) return {};
  return nonEmpty.length === 1 ? (nonEmpty[0] as mongo.Document) : { $and: nonEmpty };
}

/** Strictly after `position` in newest-first order on (`field`, `_id`). */
export function afterPosition(position: Position, field: string): mongo.Document {
  return { $or: [{ [field]: { $lt: position.at } }, { [field]: position.at, _id: { $lt: position.id } }] };
}

/** The response filter (and the keyset position, when given) as a query on survey items. */
export function responseQuery(filter: ResponseFilter, after?: Position): mongo.Document {
  const { anyOf, ...criteria } = filter;
  const all: mongo.Document[] = [{ source: SURVEY_SOURCE }, criteriaQuery(criteria)];
  if (anyOf !== undefined) all.push(anyOf.length === 0 ? NOTHING : { $or: anyOf.map(criteriaQuery) });
  if (after) all.push(afterPosition(after, 'occurredAt'));
  return and(all);
}

/** The inbox filter (and the keyset position) as a query on items of every source. */
export function inboxQuery(filter: ItemFilter, after?: Position): mongo.Document {
  const query: mongo.Document = {};
  for (const field of ['source', 'feedbackType', 'region'] as const) if (filter[field] !== undefined) query[field] = filter[field];
  return and([query, ...commonQuery(filter), ...(after ? [afterPosition(after, 'occurredAt')] : [])]);
}
