/**
 * "Who would get this answer?": the routing decision for an answer's facts, as ingest would make it now,
 * with the rule that decided and why in words. Pure: the effective config, the facts and the time in.
 */
import { npsCategory, type HeedConfig, type RouteTestBody, type RouteWhen, type Routing } from '@heed/shared';
import { errors } from '../errors.ts';
import { catalogOf } from './catalog.ts';
import { routeResponse, type RoutableResponse } from './routing.ts';

export interface RouteTestAnswer {
  routing: Routing;
  /** The owner it goes to, by id and name. */
  owner?: { id: string; name: string };
  /** The rule that matched, by its place in `routes` (0-based) and its conditions. */
  rule?: { index: number; when: RouteWhen };
  /** The decision in a sentence. */
  explanation: string;
}

export function whoWouldGet(config: HeedConfig, facts: RouteTestBody, now: Date): RouteTestAnswer {
  const survey = facts.surveyId === undefined ? undefined : catalogOf(config).surveyById(facts.surveyId);
  if (facts.surveyId !== undefined && !survey) throw new errors.notFound(`survey "${facts.surveyId}"`);
  const kind = survey?.kind ?? facts.kind!;
  if (facts.score !== undefined && kind === 'csat' && (facts.score < 1 || facts.score > 5)) throw new errors.validation('body.score: a CSAT score is 1 to 5');
  const response: RoutableResponse = {
    surveyId: facts.surveyId ?? '',
    kind,
    productArea: survey?.productArea ?? facts.productArea!,
    ...(facts.score !== undefined && { score: facts.score }),
    ...(facts.score !== undefined && kind === 'nps' && { category: npsCategory(facts.score) }),
    ...(facts.comment !== undefined && { comment: facts.comment }),
    ...(facts.plan && { plan: facts.plan }),
    ...(facts.region && { region: facts.region }),
  };
  const routing = routeResponse(config, response, now);
  const ownerDoc = routing.owner === undefined ? undefined : catalogOf(config).owner(routing.owner);
  const owner = routing.owner === undefined ? undefined : { id: routing.owner, name: ownerDoc?.name ?? routing.owner };
  const index = routing.reason.startsWith('route:') ? Number(routing.reason.slice('route:'.length)) : undefined;
  const rule = index === undefined ? undefined : { index, when: config.routes[index]!.when };
  return { routing, ...(owner && { owner }), ...(rule && { rule }), explanation: explain(routing, owner, rule) };
}

function explain(routing: Routing, owner: RouteTestAnswer['owner'], rule: RouteTestAnswer['rule']): string {
  if (routing.status === 'skipped') return 'Nobody is alerted: it is not a detractor, not a low CSAT score and has no comment.';
  if (routing.status === 'unrouted') return 'Nobody: no rule matches and no rotation is configured.';
  const who = owner ? `${owner.name} (${owner.id})` : 'the owner';
  if (rule) {
    const conditions = Object.entries(rule.when).map(([field, value]) => `${field} ${Array.isArray(value) ? `any of ${value.join(', ')}` : String(value)}`);
    return `${who}, by rule ${rule.index + 1}${conditions.length > 0 ? ` (${conditions.join('; ')})` : ' (matches everything)'}, the first that matches.`;
  }
  return `${who}, on duty in the rotation this week: no rule matches.`;
}
