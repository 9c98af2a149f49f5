import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { formatCount } from '../format.ts';
import type { PresentedAlert } from '../types.ts';
import { Link } from './link.tsx';

export interface AlertItemProps {
  api: Api;
  alert: PresentedAlert;
  onChange: (alert: PresentedAlert) => void;
  /** Link to the alert's response (off on the response's own page). */
  linkResponse?: boolean;
  /** More about the alert, below its state (its delivery attempts on a response's page). */
  children?: ComponentChildren;
}

/** One alert delivery: channel, owner, state, attempts, the last error; a failed one can be retried. */
export function AlertItem({ api, alert, onChange, linkResponse = true, children }: AlertItemProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const titleId = `alert-${alert.id}`;

  async function retry() {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await api.post<PresentedAlert>(`/v1/alerts/${encodeURIComponent(alert.id)}/retry`));
    } catch (failure) {
      setError(`Not retried: ${(failure as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="alert-item" data-status={alert.status} aria-labelledby={titleId}>
      <p id={titleId} class="alert-title">
        <span class={`badge ${alert.status}`}>{alert.status}</span> {alert.channel} to {alert.ownerId}
      </p>
      <p class="meta">
        <span>created {formatDateTime(alert.createdAt)}</span>
        <span>
          {formatCount(alert.attempts)} {alert.attempts === 1 ? 'attempt' : 'attempts'}
        </span>
        {alert.status === 'pending' && <span>next {formatDateTime(alert.nextAttemptAt)}</span>}
        {alert.deliveredAt && <span>delivered {formatDateTime(alert.deliveredAt)}</span>}
        {linkResponse && <Link to={`/responses/${encodeURIComponent(alert.responseId)}`}>the response</Link>}
      </p>
      {alert.lastError && (
        <p class="last-error">
          Last error: <code>{alert.lastError}</code>
        </p>
      )}
      {children}
      {alert.status === 'failed' && (
        <button type="button" onClick={() => void retry()} disabled={busy} aria-describedby={titleId}>
          {busy ? 'Retrying…' : 'Retry'}
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
