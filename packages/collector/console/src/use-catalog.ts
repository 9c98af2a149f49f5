/**
 * What the filters offer and how reasons read: reason labels from the reasons report (the config's labels),
 * and the surveys, product areas and owners seen in the newest responses. The admin API has no list of
 * surveys or owners, so a survey nobody answered lately is not offered (the filters still take any id).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api.ts';
import { daysBefore } from './dates.ts';
import type { Page, PresentedResponse, ReasonKind, ReasonsReport } from './types.ts';

export interface SurveySeen {
  id: string;
  kind: PresentedResponse['kind'];
  productArea: string;
}

export interface Catalog {
  labels: Record<ReasonKind, Record<string, string>>;
  surveys: SurveySeen[];
  productAreas: string[];
  owners: string[];
}

export const EMPTY_CATALOG: Catalog = { labels: { cancel: {}, uninstall: {} }, surveys: [], productAreas: [], owners: [] };

/** The label of a reason id, the id itself when the config has none. */
export function reasonLabel(catalog: Catalog, kind: PresentedResponse['kind'], id: string): string {
  return kind === 'nps' || kind === 'csat' ? id : (catalog.labels[kind][id] ?? id);
}

export function catalogFrom(labels: Catalog['labels'], responses: PresentedResponse[]): Catalog {
  const surveys = new Map<string, SurveySeen>();
  const owners = new Set<string>();
  for (const response of responses) {
    if (!surveys.has(response.surveyId)) surveys.set(response.surveyId, { id: response.surveyId, kind: response.kind, productArea: response.productArea });
    const owner = response.triage.owner ?? response.routing.owner;
    if (owner) owners.add(owner);
  }
  const list = [...surveys.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { labels, surveys: list, productAreas: [...new Set(list.map((survey) => survey.productArea))].sort(), owners: [...owners].sort() };
}

export function useCatalog(api: Api): Catalog {
  const [catalog, setCatalog] = useState<Catalog>(EMPTY_CATALOG);
  useEffect(() => {
    let current = true;
    const today = new Date();
    Promise.all([
      // A one-day range: only the labels are wanted.
      api.get<ReasonsReport>('/v1/reports/reasons', { from: daysBefore(today, 0), to: daysBefore(today, -1) }),
      api.get<Page<PresentedResponse>>('/v1/responses', { limit: 200 }),
    ]).then(
      ([reasons, page]) => current && setCatalog(catalogFrom(reasons.labels, page.items)),
      () => undefined, // the views say what failed; the catalog only adds choices
    );
    return () => {
      current = false;
    };
  }, [api]);
  return catalog;
}
