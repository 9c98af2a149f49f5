import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { ownerOf, reasonText, routingReason } from '../describe-response.ts';
import type { PresentedResponse } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { useLoad } from '../use-load.ts';
import { ActorField } from './actor-field.tsx';
import { ErrorNote } from './error-note.tsx';
import { Fact } from './fact.tsx';
import { Link } from './link.tsx';
import { OwnerInput } from './owner-input.tsx';
import { ResponseAlerts } from './response-alerts.tsx';
import { RoutingFacts } from './routing-facts.tsx';
import { TriageForm } from './triage-form.tsx';
import { TriageHistory } from './triage-history.tsx';

export interface ResponsePageProps {
  api: Api;
  catalog: Catalog;
  id: string;
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
      <RoutingFacts decision={response.routing.status} owner={ownerOf(response)} why={routingReason(response.routing)} />
      <section aria-labelledby="triage-title">
        <h2 id="triage-title">Triage</h2>
        <ActorField />
        <TriageForm
          key={response.id}
          api={api}
          entry={response}
          path="/v1/responses"
          onSaved={setResponse}
          ownerControl={(owner, setOwner) => <OwnerInput value={owner} owners={catalog.owners} onChange={setOwner} />}
        />
        <TriageHistory history={response.triage.history} />
      </section>
      <ResponseAlerts api={api} responseId={response.id} revision={ownerOf(response)} />
    </>
  );
}
