import type { Api } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';

/** What `GET /v1/team-update/preview` answers (domain/team-update.ts). */
export interface TeamUpdatePreview {
  name: string;
  periodKey: string;
  timeZone: string;
  week: { start: string; end: string };
  pursued: { id: string; source: string; feedbackType?: string; title: string; status: string; owner?: string; issueUrl?: string; changes: { at: string; actor: string; changes: Record<string, unknown> }[] }[];
  morePursued: number;
  newItems: { total: number; bySource: Record<string, number>; byType: Record<string, number> };
  escalations: { id: string; title: string; at: string; from?: string; to?: string }[];
  failedAlerts: { id: string; ownerId: string; channel: string; failedAt: string; lastError?: string }[];
}

export interface TeamUpdatePageProps {
  api: Api;
}

/** The coming week's team update as it stands: what the team will read on Friday. */
export function TeamUpdatePage({ api }: TeamUpdatePageProps) {
  const load = useLoad(() => api.get<TeamUpdatePreview>('/v1/team-update/preview'), [api]);
  if (load.error) return <ErrorNote error={load.error} />;
  const update = load.data;
  if (!update) return <p class="loading">Loading…</p>;
  const pursuedCount = update.pursued.length + update.morePursued;
  return (
    <>
      <h2>
        {update.name} update, week to {update.periodKey}
      </h2>
      <p>
        A preview: the update goes out on {update.periodKey} ({update.timeZone}).
      </p>
      <section aria-labelledby="tu-pursued">
        <h3 id="tu-pursued">Being pursued ({pursuedCount})</h3>
        {update.pursued.length === 0 ? (
          <p class="empty">Nothing is being pursued.</p>
        ) : (
          <ul class="team-update-items">
            {update.pursued.map((item) => (
              <li key={item.id}>
                <Link to={item.source === 'survey' ? `/responses/${encodeURIComponent(item.id)}` : `/items/${encodeURIComponent(item.id)}`}>{item.title}</Link>{' '}
                <span class="status">{item.status}</span>
                {item.owner && <span> · {item.owner}</span>}
                <div>{item.issueUrl ? <a href={item.issueUrl}>{item.issueUrl}</a> : <em>No issue linked</em>}</div>
                {item.changes.length > 0 && (
                  <ul>
                    {item.changes.map((change) => (
                      <li key={change.at + change.actor}>
                        {change.at.slice(0, 10)} {change.actor}: {Object.keys(change.changes).join(', ')}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {update.morePursued > 0 && <p>and {update.morePursued} more</p>}
      </section>
      <section aria-labelledby="tu-new">
        <h3 id="tu-new">New this week ({update.newItems.total})</h3>
        <Counts label="By source" counts={update.newItems.bySource} />
        <Counts label="By type" counts={update.newItems.byType} />
      </section>
      <section aria-labelledby="tu-escalations">
        <h3 id="tu-escalations">Escalations ({update.escalations.length})</h3>
        <ul>
          {update.escalations.map((escalation) => (
            <li key={escalation.id}>
              {escalation.title} ({escalation.from ?? '?'} → {escalation.to ?? '?'})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="tu-failed">
        <h3 id="tu-failed">Alerts that failed ({update.failedAlerts.length})</h3>
        <ul>
          {update.failedAlerts.map((alert) => (
            <li key={alert.id}>
              {alert.ownerId} on {alert.channel}: {alert.lastError ?? 'failed'}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Counts({ label, counts }: { label: string; counts: Record<string, number> }) {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return (
    <p>
      {label}: {entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ${n}`).join(', ')}
    </p>
  );
}
