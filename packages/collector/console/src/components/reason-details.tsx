import type { Api } from '../api.ts';
import { daysBefore, formatDate } from '../dates.ts';
import { reasonText } from '../describe-response.ts';
import type { PresentedResponse, ReasonKind } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { usePages } from '../use-pages.ts';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { ListEnd } from './list-end.tsx';

export interface ReasonDetailsProps {
  api: Api;
  catalog: Catalog;
  kind: ReasonKind;
  scope: Record<string, string | undefined>;
}

const WEEKS = 4;

/** The last 4 weeks' cancel or uninstall answers, newest first: when, why, what they wrote, which plan. */
export function ReasonDetails({ api, catalog, kind, scope }: ReasonDetailsProps) {
  const from = daysBefore(new Date(), 7 * WEEKS);
  const pages = usePages<PresentedResponse>(api, '/v1/responses', { kind, from, ...scope, limit: 50 });
  const noun = kind === 'cancel' ? 'Cancellations' : 'Uninstalls';
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{noun}, last {WEEKS} weeks</h2>
      {pages.error && <ErrorNote error={pages.error} />}
      {pages.items.length > 0 && (
        <div class="scroll" role="region" aria-label={`${noun} table`} tabIndex={0}>
          <table class="details">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Reason</th>
                <th scope="col">Comment</th>
                <th scope="col">Plan</th>
              </tr>
            </thead>
            <tbody>
              {pages.items.map((response) => (
                <tr key={response.id}>
                  <td class="nowrap">
                    <Link to={`/responses/${encodeURIComponent(response.id)}`}>{formatDate(response.receivedAt)}</Link>
                  </td>
                  <td>{reasonText(response, catalog) || '–'}</td>
                  <td class="comment-cell">{response.answers.comment ?? ''}</td>
                  <td>{response.plan ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListEnd pages={pages} empty={`No ${kind} answers in the last ${WEEKS} weeks.`} />
    </section>
  );
}
