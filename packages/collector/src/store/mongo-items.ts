/**
 * Survey responses as feedback items: the stored shape (`source: 'survey'`, `sourceId` = submission id,
 * `owner` for the owner filter) and back, and a response filter as a MongoDB query on the item indexes.
 */
import type { mongo } from 'mongoose';
import type { Position, ResponseCriteria, ResponseDoc, ResponseFilter } from './store.ts';

export const SURVEY_SOURCE = 'survey';

/** Keyset order of every list: newest first, the id breaking ties. */
export const NEWEST_FIRST = { receivedAt: -1, _id: -1 } as const;

/** What a read leaves out: the item's own fields and pending effects. */
export const RESPONSE_PROJECTION = {
  source: 0,
  owner: 0,
  effectsPending: 0,
  effectsClaim: 0,
  effectsAlerts: 0,
  triageAlertsPending: 0,
  triageAlertsClaim: 0,
  triageAlerts: 0,
} as const;

/** The owner the console filters by: the one triage assigned, else the routed one. */
export function ownerOf(response: Pick<ResponseDoc, 'triage' | 'routing'>): string | undefined {
  return response.triage.owner ?? response.routing.owner;
}

export function toItem(response: ResponseDoc): mongo.Document {
  const { submissionId, ...rest } = response;
  const owner = ownerOf(response);
  return { ...rest, source: SURVEY_SOURCE, sourceId: submissionId, ...(owner !== undefined && { owner }) };
}

/** The response in a stored item read with `RESPONSE_PROJECTION` (extra fields are dropped too). */
export function fromItem(item: mongo.Document): ResponseDoc {
  const {
    sourceId,
    source: _source,
    owner: _owner,
    effectsPending: _pending,
    effectsClaim: _claim,
    effectsAlerts: _alerts,
    triageAlertsPending: _triagePending,
    triageAlertsClaim: _triageClaim,
    triageAlerts: _triageAlerts,
    ...rest
  } = item;
  return { ...rest, submissionId: sourceId } as ResponseDoc;
}

function criteriaQuery(criteria: ResponseCriteria): mongo.Document {
  const query: mongo.Document = {};
  const eq = (field: string, value: unknown) => {
    if (value !== undefined) query[field] = value;
  };
  eq('surveyId', criteria.surveyId);
  eq('kind', criteria.kind);
  eq('category', criteria.category);
  eq('plan', criteria.plan);
  eq('productArea', criteria.productArea);
  eq('hasComment', criteria.hasComment);
  eq('owner', criteria.owner);
  if (criteria.status !== undefined) query['triage.status'] = { $in: criteria.status };
  if (criteria.from !== undefined || criteria.to !== undefined) {
    query.receivedAt = { ...(criteria.from && { $gte: criteria.from }), ...(criteria.to && { $lt: criteria.to }) };
  }
  return query;
}

/** Matches nothing, for an empty `anyOf`. */
const NOTHING = { _id: { $in: [] } };

/** The filter (and the keyset position, when given) as a query on survey items. */
export function responseQuery(filter: ResponseFilter, after?: Position): mongo.Document {
  const { anyOf, ...criteria } = filter;
  const all: mongo.Document[] = [{ source: SURVEY_SOURCE, ...criteriaQuery(criteria) }];
  if (anyOf !== undefined) all.push(anyOf.length === 0 ? NOTHING : { $or: anyOf.map(criteriaQuery) });
  if (after) all.push(afterPosition(after, 'receivedAt'));
  return all.length === 1 ? (all[0] as mongo.Document) : { $and: all };
}

/** Strictly after `position` in newest-first order on (`field`, `_id`). */
export function afterPosition(position: Position, field: string): mongo.Document {
  return { $or: [{ [field]: { $lt: position.at } }, { [field]: position.at, _id: { $lt: position.id } }] };
}
