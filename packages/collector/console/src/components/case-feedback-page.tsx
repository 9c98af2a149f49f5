import type { Api } from '../api.ts';
import { daysBefore, formatDate } from '../dates.ts';
import type { PresentedItem } from '../item-types.ts';
import { useSearch } from '../router.ts';
import { feedbackTypeLabel, useInboxCatalog } from '../use-inbox-catalog.ts';
import { usePages } from '../use-pages.ts';
import { ChoiceSelect } from './choice-select.tsx';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { ListEnd } from './list-end.tsx';
import '../inbox.css';

export interface CaseFeedbackPageProps {
  api: Api;
}

const RANGES = [
  { value: '28', label: 'last 4 weeks' },
  { value: '90', label: 'last 90 days' },
  { value: '365', label: 'last year' },
];

/** The admin API query of the Case feedback view: cases of the trailing 2 weeks unless the URL says otherwise. */
export function caseFeedbackQuery(params: URLSearchParams, now: Date = new Date()): Record<string, string | undefined> {
  const days = Number(params.get('range')) || 14;
  return { source: 'case', from: daysBefore(now, days), region: params.get('region') ?? undefined, feedbackType: params.get('type') ?? undefined };
}

/** One row of the table, from a case item and the case facts kept in its details. */
export function caseRow(item: PresentedItem) {
  const { details } = item;
  return {
    caseOwner: details.caseOwner ?? item.reporter?.name ?? '–',
    region: item.customer.region ?? details.region ?? '–',
    caseType: details.caseType ?? '–',
    subject: item.title ?? details.subject ?? '–',
    description: details.description ?? '',
    resolutionAction: details.resolutionAction ?? '',
  };
}

/** The feedback support advocates left when closing cases: the case's facts beside its Feedback Type and Feedback. */
export function CaseFeedbackPage({ api }: CaseFeedbackPageProps) {
  const [params, change] = useSearch();
  const catalog = useInboxCatalog(api);
  const query = caseFeedbackQuery(params);
  const pages = usePages<PresentedItem>(api, '/v1/items', { ...query, limit: 100 });
  return (
    <section aria-labelledby="cases-title">
      <div class="section-head">
        <h2 id="cases-title">Case feedback</h2>
      </div>
      <div class="filters" role="group" aria-label="Filters">
        <ChoiceSelect label="Closed" value={params.get('range') ?? ''} anyLabel="last 2 weeks" choices={RANGES} onChange={(range) => change({ range })} />
        <ChoiceSelect
          label="Feedback type"
          value={params.get('type') ?? ''}
          choices={catalog.feedbackTypes.map((type) => ({ value: type.id, label: type.label }))}
          onChange={(type) => change({ type })}
        />
      </div>
      {pages.error && <ErrorNote error={pages.error} />}
      <div class="scroll" role="region" aria-label="Case feedback table" tabIndex={0}>
        <table class="cases">
          <thead>
            <tr>
              <th scope="col">Case Owner</th>
              <th scope="col">Region</th>
              <th scope="col">Case Type</th>
              <th scope="col">Subject</th>
              <th scope="col">Description</th>
              <th scope="col">Date</th>
              <th scope="col">Resolution Action</th>
              <th scope="col">Feedback Type</th>
              <th scope="col">Feedback</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((item) => {
              const row = caseRow(item);
              return (
                <tr key={item.id}>
                  <td>{row.caseOwner}</td>
                  <td>{row.region}</td>
                  <td>{row.caseType}</td>
                  <td>
                    <Link to={`/items/${encodeURIComponent(item.id)}`}>{row.subject}</Link>
                  </td>
                  <td class="comment-cell">{row.description}</td>
                  <td class="nowrap">
                    <time dateTime={item.occurredAt}>{formatDate(item.occurredAt)}</time>
                  </td>
                  <td class="comment-cell">{row.resolutionAction}</td>
                  <td>{feedbackTypeLabel(catalog, item.feedbackType)}</td>
                  <td class="comment-cell">{item.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ListEnd pages={pages} empty="No case feedback in this period." />
    </section>
  );
}
