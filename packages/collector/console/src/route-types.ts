/** What `GET /v1/routes` and `POST /v1/routes/test` answer, as the Routes view reads them. */
import type { RouteTestBody, RouteWhen, Routing } from '@heed/shared';

export interface NamedOwner {
  id: string;
  name: string;
}

export interface RoutesView {
  routes: { index: number; when: RouteWhen; owner: NamedOwner }[];
  rotation?: { owners: NamedOwner[]; every: 'week'; startsOn: string };
}

export interface RouteTestAnswer {
  routing: Routing;
  owner?: NamedOwner;
  rule?: { index: number; when: RouteWhen };
  explanation: string;
}

export type RouteTestFacts = RouteTestBody;

/** A rule's conditions in words: `productArea editor · keywordsAny slow, crash`; none: everything. */
export function describeWhen(when: RouteWhen): string {
  const parts = Object.entries(when).map(([field, value]) => `${field} ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  return parts.length === 0 ? 'everything' : parts.join(' · ');
}
