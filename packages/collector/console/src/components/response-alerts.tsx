import { useState } from 'preact/hooks';
import { getAll, type Api } from '../api.ts';
import type { PresentedAlert } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { AlertAttempts } from './alert-attempts.tsx';
import { AlertItem } from './alert-item.tsx';
import { ErrorNote } from './error-note.tsx';

export interface ResponseAlertsProps {
  api: Api;
  responseId: string;
  /** Changes when the response's owner changed (a new owner gets new alerts). */
  revision: string;
  /** What the alerts are about, in the empty note: a response, or an item from another source. */
  subject?: string;
}

/** The alerts one response caused (one per owner and channel: a few), with their delivery state and every attempt. */
export function ResponseAlerts({ api, responseId, revision, subject = 'response' }: ResponseAlertsProps) {
  const [round, setRound] = useState(0);
  const load = useLoad(() => getAll<PresentedAlert>(api, '/v1/alerts', { responseId }, 4), [api, responseId, revision, round]);
  return (
    <section aria-labelledby="response-alerts-title">
      <h2 id="response-alerts-title">Alerts</h2>
      {load.error && <ErrorNote error={load.error} />}
      {load.loading && !load.data && <p class="loading">Loading…</p>}
      {load.data &&
        (load.data.items.length === 0 ? (
          <p class="empty">No alerts: nobody was notified of this {subject}.</p>
        ) : (
          <ul class="alerts">
            {load.data.items.map((alert) => (
              <AlertItem key={alert.id} api={api} alert={alert} onChange={() => setRound((n) => n + 1)} linkResponse={false}>
                <AlertAttempts api={api} alertId={alert.id} revision={`${alert.status}:${alert.attempts}:${round}`} />
              </AlertItem>
            ))}
          </ul>
        ))}
    </section>
  );
}
