import type { SearchChanges } from '../router.ts';
import type { Catalog } from '../use-catalog.ts';
import type { PresentedResponse } from '../types.ts';
import { ChoiceSelect, PLAN_CHOICES } from './choice-select.tsx';

export interface ScopeFiltersProps {
  params: URLSearchParams;
  change: (changes: SearchChanges) => void;
  catalog: Catalog;
  /** Offer only the surveys of this kind. */
  kind?: PresentedResponse['kind'];
  /** Leave out the plan filter (views that split by plan). */
  plan?: boolean;
}

/** The filters every dashboard has, kept in the URL: survey, product area, plan. */
export function ScopeFilters({ params, change, catalog, kind, plan = true }: ScopeFiltersProps) {
  const surveys = catalog.surveys.filter((survey) => kind === undefined || survey.kind === kind);
  const areas = kind === undefined ? catalog.productAreas : [...new Set(surveys.map((survey) => survey.productArea))];
  return (
    <>
      <ChoiceSelect
        label="Survey"
        value={params.get('survey') ?? ''}
        choices={surveys.map((survey) => ({ value: survey.id, label: survey.id }))}
        onChange={(survey) => change({ survey })}
      />
      <ChoiceSelect
        label="Product area"
        value={params.get('productArea') ?? ''}
        choices={areas.map((area) => ({ value: area, label: area }))}
        onChange={(productArea) => change({ productArea })}
      />
      {plan && <ChoiceSelect label="Plan" value={params.get('plan') ?? ''} choices={PLAN_CHOICES} onChange={(value) => change({ plan: value })} />}
    </>
  );
}

/** The scope filters as an admin API query. */
export function scopeQuery(params: URLSearchParams, plan = true): Record<string, string | undefined> {
  return {
    survey: params.get('survey') ?? undefined,
    productArea: params.get('productArea') ?? undefined,
    ...(plan ? { plan: params.get('plan') ?? undefined } : {}),
  };
}
