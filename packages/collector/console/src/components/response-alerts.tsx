import { useState } from 'preact/hooks';
import { getAll, type Api } from '../api.ts';
import type { PresentedAlert } from '../types.ts';
import { useLoad } from '../use-load.ts';
import { AlertItem } from './alert-item.tsx';
import { ErrorNote } from './error-note.tsx';

export interface ResponseAlertsProps {
  api: Api;
  responseId: string;
  /** Changes when the response's owner changed (a new owner gets new alerts). */
  revision: string;
}

/** Pages of 500 read when looking for one response's alerts; the admin API cannot filter alerts by response. */
const MAX_PAGES = 10;

/** The alerts one response caused, with their delivery state. */
export function ResponseAlerts({ api, responseId, revision }: ResponseAlertsProps) {
  const [round, setRound] = useState(0);
  const load = useLoad(async () => {
    const { items, complete } = await getAll<PresentedAlert>(api, '/v1/alerts', {}, MAX_PAGES);
    return { alerts: items.filter((alert) => alert.responseId === responseId), complete };
  }, [api, responseId, revision, round]);
  return (
    <section aria-labelledby="response-alerts-title">
      <h2 id="response-alerts-title">Alerts</h2>
      {load.error && <ErrorNote error={load.error} />}
      {load.loading && !load.data && <p class="loading">Loading…</p>}
      {load.data && (
        <>
          {load.data.alerts.length === 0 ? (
            <p class="empty">{load.data.complete ? 'No alerts: nobody was notified of this response.' : 'No alerts among the newest ones.'}</p>
          ) : (
            <ul class="alerts">
              {load.data.alerts.map((alert) => (
                <AlertItem key={alert.id} api={api} alert={alert} onChange={() => setRound((n) => n + 1)} linkResponse={false} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
