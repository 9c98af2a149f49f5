import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { AlertStatus, PresentedAlert } from '../types.ts';
import { usePages } from '../use-pages.ts';
import { AlertItem } from './alert-item.tsx';
import { ErrorNote } from './error-note.tsx';
import { ListEnd } from './list-end.tsx';

export interface AlertsPageProps {
  api: Api;
}

/** Is any alert stuck? Failed deliveries (retry them once the receiver is fixed) and those still waiting, with the last error. */
export function AlertsPage({ api }: AlertsPageProps) {
  // A retried alert moves from failed to pending: both lists load again.
  const [round, setRound] = useState(0);
  return (
    <>
      <AlertList api={api} status="failed" title="Failed alerts" empty="No failed alerts." round={round} onRetried={() => setRound((n) => n + 1)} />
      <AlertList api={api} status="pending" title="Pending alerts" empty="Nothing waiting to be delivered." round={round} onRetried={() => setRound((n) => n + 1)} />
    </>
  );
}

interface AlertListProps {
  api: Api;
  status: AlertStatus;
  title: string;
  empty: string;
  round: number;
  onRetried: () => void;
}

function AlertList({ api, status, title, empty, round, onRetried }: AlertListProps) {
  const pages = usePages<PresentedAlert>(api, '/v1/alerts', { status, limit: 50 }, round);
  const id = `alerts-${status}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {pages.error && <ErrorNote error={pages.error} />}
      <ul class="alerts">
        {pages.items.map((alert) => (
          <AlertItem key={alert.id} api={api} alert={alert} onChange={onRetried} />
        ))}
      </ul>
      <ListEnd pages={pages} empty={empty} />
    </section>
  );
}
