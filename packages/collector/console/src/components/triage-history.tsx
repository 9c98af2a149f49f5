import { formatDateTime } from '../dates.ts';
import type { PresentedResponse } from '../types.ts';

export interface TriageHistoryProps {
  history: PresentedResponse['triage']['history'];
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

/** Every triage change of a response or item, newest first, with who made it. */
export function TriageHistory({ history }: TriageHistoryProps) {
  return (
    <>
      <h3>History</h3>
      {history.length === 0 ? (
        <p class="empty">No changes yet.</p>
      ) : (
        <ol class="history">
          {[...history].reverse().map((change) => (
            <li key={change.at}>
              <time dateTime={change.at}>{formatDateTime(change.at)}</time>, {change.actor}: {describeChanges(change.changes)}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
