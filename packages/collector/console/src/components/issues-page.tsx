import type { IssueSummary } from '@heed/shared';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useSearch } from '../router.ts';
import { usePages } from '../use-pages.ts';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { ListEnd } from './list-end.tsx';
import '../issues.css';

export interface IssuesPageProps {
  api: Api;
}

type Sort = 'newest' | 'asking';

const issueUrl = (issue: IssueSummary) => issue.url;

/** Who asks for an issue, in words: the customers by name (else account id). */
export function customersText(issue: IssueSummary): string {
  return issue.customers.map((customer) => customer.accountName ?? customer.accountId ?? '').filter(Boolean).join(', ') || '–';
}

/** Issues and features that feedback is linked to, with how many ask, which customers and plans; newest first or most asked first (kept in the URL). */
export function IssuesPage({ api }: IssuesPageProps) {
  const [params, change] = useSearch();
  const sort: Sort = params.get('sort') === 'asking' ? 'asking' : 'newest';
  const pages = usePages<IssueSummary>(api, '/v1/issues', { sort, limit: 50 }, 0, issueUrl);
  const issues = pages.items;

  return (
    <section aria-labelledby="issues-title">
      <div class="section-head">
        <h2 id="issues-title">Issues</h2>
        <p class="hint">Issues and features that feedback is linked to. When a linked GitHub issue closes, its feedback moves to actioned.</p>
      </div>
      {pages.error && <ErrorNote error={pages.error} />}
      <div class="scroll" role="region" aria-label="Issues table" tabIndex={0}>
        <table class="issues">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">State</th>
              <SortHeader label="Asking" active={sort === 'asking'} onSort={() => change({ sort: 'asking' })} />
              <th scope="col">Customers</th>
              <th scope="col">Plans</th>
              <SortHeader label="Linked" active={sort === 'newest'} onSort={() => change({ sort: undefined })} />
              <th scope="col">Feedback</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue) => (
              <tr key={issue.url}>
                <td>
                  <a href={issue.url} rel="noopener noreferrer" target="_blank">
                    {issue.title ?? issue.url}
                  </a>
                </td>
                <td>{issue.state}</td>
                <td class="number">{issue.asking}</td>
                <td>{customersText(issue)}</td>
                <td>{issue.plans.join(', ') || '–'}</td>
                <td>
                  <time dateTime={issue.linkedAt}>{formatDateTime(issue.linkedAt)}</time>
                </td>
                <td>
                  <ul class="plain">
                    {issue.items.slice(0, 5).map((item, n) => (
                      <li key={item.id}>
                        <Link to={`/items/${encodeURIComponent(item.id)}`}>{`Feedback ${n + 1}`}</Link>
                      </li>
                    ))}
                    {issue.items.length > 5 && <li>{`and ${issue.items.length - 5} more`}</li>}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListEnd pages={pages} empty="No feedback is linked to an issue yet. Link one from an item's page." />
    </section>
  );
}

interface SortHeaderProps {
  label: string;
  active: boolean;
  onSort: () => void;
}

/** A column header that sorts the table by its column (most first), saying which one does. */
function SortHeader({ label, active, onSort }: SortHeaderProps) {
  return (
    <th scope="col" aria-sort={active ? 'descending' : 'none'}>
      <button type="button" class="quiet sort" aria-pressed={active} onClick={onSort}>
        {label}
        <span aria-hidden="true">{active ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}
