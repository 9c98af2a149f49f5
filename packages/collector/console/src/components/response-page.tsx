import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { ownerOf, reasonText, routingReason } from '../describe-response.ts';
import type { PresentedResponse } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { useLoad } from '../use-load.ts';
import { ActorField } from './actor-field.tsx';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { ResponseAlerts } from './response-alerts.tsx';
import { TriageForm } from './triage-form.tsx';

export interface ResponsePageProps {
  api: Api;
  catalog: Catalog;
  id: string;
}

/** A change's fields in words: "status new → acknowledged". */
export function describeChanges(changes: Record<string, unknown>): string {
  const text = (value: unknown) => (value === undefined || value === null || value === '' ? '–' : Array.isArray(value) ? value.join(', ') || '–' : String(value));
  return Object.entries(changes)
    .map(([field, change]) => {
      const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
      return `${field} ${text(from)} → ${text(to)}`;
    })
    .join('; ');
}

/** One response in full, where alerts link to: what was said, in which context, why it went to whom, and its triage. */
export function ResponsePage({ api, catalog, id }: ResponsePageProps) {
  const load = useLoad(() => api.get<PresentedResponse>(`/v1/responses/${encodeURIComponent(id)}`), [api, id]);
  const [response, setResponse] = useState<PresentedResponse | undefined>(undefined);
  useEffect(() => setResponse(load.data), [load.data]);

  if (load.error) {
    return (
      <section aria-labelledby="response-title">
        <h2 id="response-title">Response</h2>
        <ErrorNote error={load.error} />
        <Link to="/responses">All responses</Link>
      </section>
    );
  }
  if (!response) return <p class="loading">Loading…</p>;
  const { answers } = response;
  const reasons = reasonText(response, catalog);
  return (
    <>
      <section aria-labelledby="response-title">
        <p class="crumbs">
          <Link to="/responses">Responses</Link>
        </p>
        <h2 id="response-title">
          {response.kind === 'nps' ? 'NPS answer' : response.kind === 'csat' ? 'CSAT answer' : response.kind === 'cancel' ? 'Cancel answer' : 'Uninstall answer'} of {formatDateTime(response.receivedAt)}
        </h2>
        <div class="columns">
          <div>
            <h3>Answers</h3>
            <dl class="facts">
              {answers.score !== undefined && <Fact term="Score">{`${answers.score}${response.category ? ` (${response.category})` : ''}`}</Fact>}
              {reasons && <Fact term={reasons.includes(',') ? 'Reasons' : 'Reason'}>{reasons}</Fact>}
              <Fact term="Comment">{answers.comment ? <span class="comment">{answers.comment}</span> : <span class="muted">none</span>}</Fact>
            </dl>
          </div>
          <div>
            <h3>Context</h3>
            <dl class="facts">
              <Fact term="Survey">{`${response.surveyId} (${response.productArea})`}</Fact>
              <Fact term="Plan">{response.plan ?? '–'}</Fact>
              {Object.entries(response.respondent).map(([key, value]) => (
                <Fact key={key} term={key}>
                  {String(value)}
                </Fact>
              ))}
              {Object.entries(response.context)
                .filter(([key]) => key !== 'plan')
                .map(([key, value]) => (
                  <Fact key={key} term={key}>
                    {typeof value === 'string' ? value : JSON.stringify(value)}
                  </Fact>
                ))}
            </dl>
          </div>
        </div>
      </section>
      <section aria-labelledby="routing-title">
        <h2 id="routing-title">Routing</h2>
        <dl class="facts">
          <Fact term="Decision">{response.routing.status}</Fact>
          <Fact term="Owner">{ownerOf(response)}</Fact>
          <Fact term="Why">{routingReason(response.routing)}</Fact>
        </dl>
      </section>
      <section aria-labelledby="triage-title">
        <h2 id="triage-title">Triage</h2>
        <ActorField />
        <TriageForm key={response.id} api={api} response={response} catalog={catalog} onSaved={setResponse} />
        <h3>History</h3>
        {response.triage.history.length === 0 ? (
          <p class="empty">No changes yet.</p>
        ) : (
          <ol class="history">
            {[...response.triage.history].reverse().map((change) => (
              <li key={change.at}>
                <time dateTime={change.at}>{formatDateTime(change.at)}</time>, {change.actor}: {describeChanges(change.changes)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <ResponseAlerts api={api} responseId={response.id} revision={ownerOf(response)} />
    </>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
