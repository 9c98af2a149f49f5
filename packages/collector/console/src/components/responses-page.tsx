import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { daysBefore, formatDateTime } from '../dates.ts';
import { answerSummary, ownerOf } from '../describe-response.ts';
import type { PresentedResponse } from '../types.ts';
import { usePages } from '../use-pages.ts';
import { ErrorNote } from './error-note.tsx';
import { PlanSelect, type PlanFilter } from './plan-select.tsx';

export interface ResponsesPageProps {
  api: Api;
}

/** Every response of the trailing weeks, newest first, filterable by survey kind and plan. */
export function ResponsesPage({ api }: ResponsesPageProps) {
  const [weeks, setWeeks] = useState(4);
  const [kind, setKind] = useState('');
  const [plan, setPlan] = useState<PlanFilter>('');
  const from = daysBefore(new Date(), 7 * weeks);
  const pages = usePages<PresentedResponse>(api, '/v1/responses', { from, kind, plan, limit: 50 });

  return (
    <section aria-labelledby="responses-title">
      <div class="section-head">
        <h2 id="responses-title">Responses</h2>
        <div class="filters">
          <label>
            Last
            <select value={weeks} onChange={(e) => setWeeks(Number(e.currentTarget.value))}>
              <option value={1}>week</option>
              <option value={4}>4 weeks</option>
              <option value={12}>12 weeks</option>
              <option value={26}>26 weeks</option>
            </select>
          </label>
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">all</option>
              <option value="nps">NPS</option>
              <option value="cancel">cancel</option>
              <option value="uninstall">uninstall</option>
            </select>
          </label>
          <PlanSelect value={plan} onChange={setPlan} />
        </div>
      </div>
      {pages.error && <ErrorNote error={pages.error} />}
      <div class="scroll">
        <table class="responses">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Survey</th>
              <th scope="col">Answer</th>
              <th scope="col">Plan</th>
              <th scope="col">Account</th>
              <th scope="col">Comment</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {pages.items.map((response) => (
              <tr key={response.id}>
                <td>{formatDateTime(response.receivedAt)}</td>
                <td>{response.surveyId}</td>
                <td>{answerSummary(response)}</td>
                <td>{response.plan ?? '–'}</td>
                <td>{response.respondent.accountId ?? response.respondent.userId ?? '–'}</td>
                <td class="comment-cell">{response.answers.comment ?? ''}</td>
                <td>{ownerOf(response)}</td>
                <td>{response.triage.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!pages.loading && pages.items.length === 0 && !pages.error && <p class="empty">No responses in this period.</p>}
      {pages.loadMore && (
        <button type="button" onClick={pages.loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}

