/**
 * The config as the inbox reads it (`GET /v1/catalog`): sources, feedback types and owners with their labels,
 * surveys' reasons. Loaded once per console; until it answers, ids stand for labels.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api.ts';
import type { CatalogView, FeedbackSource, PresentedItem } from './item-types.ts';

export const EMPTY_INBOX_CATALOG: CatalogView = { surveys: [], owners: [], feedbackTypes: [], sources: [] };

const SOURCE_LABELS: Record<FeedbackSource, string> = {
  survey: 'Survey',
  email: 'Email',
  slack: 'Slack',
  github: 'GitHub',
  support: 'Support',
  'sales-call': 'Sales call',
  case: 'Case',
  csat: 'CSAT',
  manual: 'Manual entry',
  import: 'Import',
};

export function sourceLabel(source: FeedbackSource): string {
  return SOURCE_LABELS[source] ?? source;
}

export function feedbackTypeLabel(catalog: CatalogView, id: string | undefined): string {
  if (id === undefined) return '–';
  return catalog.feedbackTypes.find((type) => type.id === id)?.label ?? id;
}

export function ownerName(catalog: CatalogView, id: string | undefined): string {
  if (id === undefined) return 'unrouted';
  return catalog.owners.find((owner) => owner.id === id)?.name ?? id;
}

/** The owner an entry is with now: the one triage assigned, else the routed one. */
export function itemOwner(item: Pick<PresentedItem, 'triage' | 'routing'>): string | undefined {
  return item.triage.owner ?? item.routing.owner;
}

/** The label of a survey answer's reason, from the survey's own reasons; the id when none names it. */
export function reasonLabel(catalog: CatalogView, surveyId: string, reason: string): string {
  return catalog.surveys.find((survey) => survey.id === surveyId)?.reasons.find((r) => r.id === reason)?.label ?? reason;
}

/** What a survey answer said beside its comment: "NPS 3 (detractor)", "Too expensive". */
export function answerLine(catalog: CatalogView, item: PresentedItem): string | undefined {
  const survey = item.survey;
  if (!survey) return undefined;
  const reasons = [survey.reason, ...(survey.reasons ?? [])].filter((id): id is string => id !== undefined).map((id) => reasonLabel(catalog, survey.surveyId, id));
  const score = survey.score === undefined ? undefined : `${survey.kind.toUpperCase()} ${survey.score}${survey.category ? ` (${survey.category})` : ''}`;
  return [score, reasons.join(', ') || undefined].filter(Boolean).join(' · ') || survey.kind;
}

/** Where an entry's own page is: survey answers have theirs under Responses. */
export function entryPath(item: Pick<PresentedItem, 'id' | 'source'>): string {
  return item.source === 'survey' ? `/responses/${encodeURIComponent(item.id)}` : `/items/${encodeURIComponent(item.id)}`;
}

export function useInboxCatalog(api: Api): CatalogView {
  const [catalog, setCatalog] = useState<CatalogView>(EMPTY_INBOX_CATALOG);
  useEffect(() => {
    let current = true;
    api.get<CatalogView>('/v1/catalog').then(
      (answer) => current && setCatalog(answer),
      () => undefined, // the views say what failed; the catalog only adds labels and choices
    );
    return () => {
      current = false;
    };
  }, [api]);
  return catalog;
}
