import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';

export interface AlertAttemptsProps {
  api: Api;
  alertId: string;
  /** Changes when the alert changed (a retry, a new attempt), to read the attempts again. */
  revision: string;
}

interface Attempt {
  at: string;
  status: 'delivered' | 'retry' | 'failed';
  error?: string;
}

const OUTCOME: Record<Attempt['status'], string> = { delivered: 'delivered', retry: 'failed, retried later', failed: 'failed, given up' };

/** Every delivery attempt of one alert, oldest first: when, what came of it, and the receiver's error. */
export function AlertAttempts({ api, alertId, revision }: AlertAttemptsProps) {
  const load = useLoad(() => api.get<{ items: Attempt[] }>(`/v1/alerts/${encodeURIComponent(alertId)}/attempts`), [api, alertId, revision]);
  if (load.error) return <ErrorNote error={load.error} />;
  if (!load.data) return <p class="loading">Loading…</p>;
  if (load.data.items.length === 0) return <p class="hint attempts-none">No delivery attempt yet.</p>;
  return (
    <ol class="attempts" aria-label="Delivery attempts">
      {load.data.items.map((attempt, index) => (
        <li key={`${attempt.at}-${index}`} data-status={attempt.status}>
          <time dateTime={attempt.at}>{formatDateTime(attempt.at)}</time>: {OUTCOME[attempt.status]}
          {attempt.error && (
            <>
              {' '}
              <code>{attempt.error}</code>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
