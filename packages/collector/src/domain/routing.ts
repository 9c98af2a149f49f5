/**
 * Who should hear about a response. Pure: the config, the response's routable fields and the time in,
 * a `Routing` decision out.
 */
import type { FeedbackSource, HeedConfig, IntakeSource, NpsCategory, Plan, RouteWhen, Routing, SurveyKind } from '@heed/shared';

export type RoutingConfig = Pick<HeedConfig, 'routes' | 'rotation' | 'owners'>;

/** The fields of a response that routing looks at. */
export interface RoutableResponse {
  surveyId: string;
  kind: SurveyKind;
  productArea: string;
  plan?: Plan;
  category?: NpsCategory;
  /** The score given (NPS 0-10, CSAT 1-5); CSAT routes on it, NPS on its category. */
  score?: number;
  comment?: string;
  /** The customer's region, when known. */
  region?: string;
}

/** The CSAT scores routed like NPS detractors: 1 and 2 of 5. */
export const LOW_CSAT_MAX = 2;

/** A CSAT answer of 1 or 2: as urgent as an NPS detractor. */
export function lowCsat(response: Pick<RoutableResponse, 'kind' | 'score'>): boolean {
  return response.kind === 'csat' && response.score !== undefined && response.score <= LOW_CSAT_MAX;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * A response is actionable when it is an NPS detractor, a low CSAT score (1-2) or carries a non-blank comment. Actionable ones go to
 * the first route whose `when` matches every field it names, else to the rotation owner on duty the week of
 * `now`, else they are marked unrouted.
 */
export function routeResponse(config: RoutingConfig, response: RoutableResponse, now: Date): Routing {
  const hasComment = (response.comment ?? '').trim() !== '';
  if (response.category !== 'detractor' && !lowCsat(response) && !hasComment) return { status: 'skipped', reason: 'not-actionable' };

  const index = config.routes.findIndex((route) => routeMatches(route.when, response));
  const route = config.routes[index];
  if (route) return { status: 'routed', owner: route.owner, reason: `route:${index}` };

  const onDuty = config.rotation && rotationOwner(config.rotation.owners, config.rotation.startsOn, now);
  if (onDuty) return { status: 'routed', owner: onDuty, reason: 'rotation' };

  return { status: 'unrouted', reason: 'no-owner' };
}

/** True when every field the rule names matches the response. */
export function routeMatches(when: RouteWhen, response: RoutableResponse): boolean {
  return (
    (when.productArea === undefined || when.productArea === response.productArea) &&
    (when.surveyId === undefined || when.surveyId === response.surveyId) &&
    (when.kind === undefined || when.kind === response.kind) &&
    (when.plan === undefined || when.plan === response.plan) &&
    (when.category === undefined || when.category === response.category) &&
    (when.keywordsAny === undefined || when.keywordsAny.some((keyword) => containsWord(response.comment ?? '', keyword))) &&
    (when.source === undefined || when.source === 'survey') &&
    when.feedbackType === undefined &&
    (when.region === undefined || when.region === response.region)
  );
}

export type ItemRoutingConfig = RoutingConfig & Pick<HeedConfig, 'feedbackTypes'>;

/** The fields of a feedback item from an intake path that routing looks at. */
export interface RoutableItem {
  source: IntakeSource;
  feedbackType?: string;
  productArea?: string;
  plan?: Plan;
  region?: string;
  title?: string;
  text: string;
}

/**
 * An item from an intake path always has text, so it is always actionable: it goes to the first route whose
 * `when` matches every field it names (rules on survey fields never match an item), else to its feedback
 * type's primary owner, else to the rotation owner on duty, else it is marked unrouted.
 */
export function routeItem(config: ItemRoutingConfig, item: RoutableItem, now: Date): Routing {
  const index = config.routes.findIndex((route) => itemRouteMatches(route.when, item));
  const route = config.routes[index];
  if (route) return { status: 'routed', owner: route.owner, reason: `route:${index}` };

  const primary = config.feedbackTypes.find((type) => type.id === item.feedbackType)?.primaryOwner;
  if (primary) return { status: 'routed', owner: primary, reason: `feedback-type:${item.feedbackType}` };

  const onDuty = config.rotation && rotationOwner(config.rotation.owners, config.rotation.startsOn, now);
  if (onDuty) return { status: 'routed', owner: onDuty, reason: 'rotation' };

  return { status: 'unrouted', reason: 'no-owner' };
}

/**
 * True when every field the rule names matches the item; the region compares case-insensitively (CRMs write
 * "EMEA" or "emea"), keywords are looked for in its title and text.
 */
export function itemRouteMatches(when: RouteWhen, item: RoutableItem): boolean {
  const text = item.title ? `${item.title}\n${item.text}` : item.text;
  return (
    when.surveyId === undefined &&
    when.kind === undefined &&
    when.category === undefined &&
    (when.source === undefined || when.source === (item.source satisfies FeedbackSource)) &&
    (when.feedbackType === undefined || when.feedbackType === item.feedbackType) &&
    (when.productArea === undefined || when.productArea === item.productArea) &&
    (when.plan === undefined || when.plan === item.plan) &&
    (when.region === undefined || when.region.toLowerCase() === item.region?.toLowerCase()) &&
    (when.keywordsAny === undefined || when.keywordsAny.some((keyword) => containsWord(text, keyword)))
  );
}

/**
 * Case-insensitive whole-word match: the keyword must not touch a letter, digit, combining mark or
 * underscore on either side, in any script ("bug" matches "a bug." but not "debugging"; "café" matches
 * "Café!" but not "cafés").
 */
export function containsWord(text: string, keyword: string): boolean {
  const needle = keyword.trim().normalize('NFC');
  if (needle === '') return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const word = '[\\p{L}\\p{N}\\p{M}_]';
  return new RegExp(`(?<!${word})${escaped}(?!${word})`, 'iu').test(text.normalize('NFC'));
}

/**
 * The owner on duty the week containing `now`: week 0 starts at `startsOn` (00:00 UTC) and owners take
 * turns in order, cycling. Before `startsOn` the first owner is on duty.
 */
export function rotationOwner(owners: readonly string[], startsOn: string, now: Date): string | undefined {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const week = Math.max(0, Math.floor((now.getTime() - start) / WEEK_MS));
  return owners[week % owners.length];
}
