import type { Api } from '../api.ts';
import { daysBefore, formatDateTime } from '../dates.ts';
import { answerSummary, ownerOf } from '../describe-response.ts';
import { useSearch } from '../router.ts';
import type { PresentedResponse } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { useMyOwner } from '../use-my-owner.ts';
import { usePages } from '../use-pages.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { CsvButton } from './csv-button.tsx';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { ListEnd } from './list-end.tsx';
import { MyOwnerHint } from './my-owner-hint.tsx';
import { OwnerFilter, ownerQuery } from './owner-filter.tsx';
import { ScopeFilters, scopeQuery } from './scope-filters.tsx';
import { SearchBox } from './search-box.tsx';
import { StatusFilter } from './status-filter.tsx';

export interface ResponsesPageProps {
  api: Api;
  catalog: Catalog;
}

const RANGES = [
  { value: '7', label: 'last 7 days' },
  { value: '90', label: 'last 90 days' },
  { value: '365', label: 'last year' },
  { value: 'all', label: 'all time' },
];
const KINDS = [
  { value: 'nps', label: 'NPS' },
  { value: 'cancel', label: 'cancel' },
  { value: 'uninstall', label: 'uninstall' },
];
const COMMENTS = [
  { value: 'true', label: 'with a comment' },
  { value: 'false', label: 'without' },
];

/** The admin API query of the Responses view's URL filters; `owner=mine` resolved to this browser's owner id. */
export function responsesQuery(params: URLSearchParams, myOwner: string | null, now: Date = new Date()): Record<string, string | undefined> {
  const range = params.get('range') ?? '28';
  return {
    ...scopeQuery(params),
    kind: params.get('kind') ?? undefined,
    status: params.get('status') ?? undefined,
    hasComment: params.get('hasComment') ?? undefined,
    q: params.get('q') ?? undefined,
    owner: ownerQuery(params.get('owner'), myOwner),
    from: range === 'all' ? undefined : daysBefore(now, Number(range) || 28),
  };
}

/** Every answer, filtered (and searched) as the URL says: who said what, whose it is, where triage stands; CSV of the same selection. */
export function ResponsesPage({ api, catalog }: ResponsesPageProps) {
  const [params, change] = useSearch();
  const [myOwner, saveMyOwner] = useMyOwner();
  const query = responsesQuery(params, myOwner);
  const pages = usePages<PresentedResponse>(api, '/v1/responses', { ...query, limit: 50 });

  return (
    <section aria-labelledby="responses-title">
      <div class="section-head">
        <h2 id="responses-title">Responses</h2>
        <CsvButton api={api} query={query} />
      </div>
      <SearchBox value={params.get('q') ?? ''} onSearch={(q) => change({ q })} />
      <div class="filters" role="group" aria-label="Filters">
        <ChoiceSelect label="Received" value={params.get('range') ?? ''} anyLabel="last 28 days" choices={RANGES} onChange={(range) => change({ range })} />
        <ChoiceSelect label="Kind" value={params.get('kind') ?? ''} choices={KINDS} onChange={(kind) => change({ kind })} />
        <ScopeFilters params={params} change={change} catalog={catalog} />
        <StatusFilter value={params.get('status') ?? ''} onChange={(status) => change({ status })} />
        <ChoiceSelect label="Comment" value={params.get('hasComment') ?? ''} anyLabel="any" choices={COMMENTS} onChange={(hasComment) => change({ hasComment })} />
        <OwnerFilter value={params.get('owner') ?? ''} onChange={(owner) => change({ owner })} owners={catalog.owners} myOwner={myOwner} saveMyOwner={saveMyOwner} />
      </div>
      <MyOwnerHint value={params.get('owner') ?? ''} myOwner={myOwner} />
      {pages.error && <ErrorNote error={pages.error} />}
      <div class="scroll" role="region" aria-label="Responses table" tabIndex={0}>
        <table class="responses">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Answer</th>
              <th scope="col">Comment</th>
              <th scope="col">Survey</th>
              <th scope="col">Plan</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((response) => (
              <tr key={response.id}>
                <td class="nowrap">
                  <Link to={`/responses/${encodeURIComponent(response.id)}`}>{formatDateTime(response.receivedAt)}</Link>
                </td>
                <td>{answerSummary(response, catalog)}</td>
                <td class="comment-cell">{response.answers.comment ?? ''}</td>
                <td>{response.surveyId}</td>
                <td>{response.plan ?? '–'}</td>
                <td>{ownerOf(response)}</td>
                <td>{response.triage.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListEnd pages={pages} empty="No responses match these filters." />
    </section>
  );
}
