import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { answerSummary, ownerOf } from '../describe-response.ts';
import type { PresentedResponse, TriagePatch, TriageStatus } from '../types.ts';
import { EMPTY_CATALOG, type Catalog } from '../use-catalog.ts';
import { Link } from './link.tsx';

export const TRIAGE_STATUSES: readonly TriageStatus[] = ['new', 'acknowledged', 'actioned', 'closed'];

export interface TriageItemProps {
  api: Api;
  response: PresentedResponse;
  catalog?: Catalog;
  /** Told the response as the collector stored it after a change. */
  onChange: (response: PresentedResponse) => void;
}

/** One comment, shown as text, with a status select that saves at once (and says so when it cannot). */
export function TriageItem({ api, response, catalog = EMPTY_CATALOG, onChange }: TriageItemProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const selectId = `status-${response.id}`;
  const commentId = `comment-${response.id}`;

  async function changeStatus(status: TriageStatus) {
    setSaving(true);
    setError(undefined);
    try {
      const patch: TriagePatch = { status };
      onChange(await api.patch<PresentedResponse>(`/v1/responses/${encodeURIComponent(response.id)}`, patch));
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <li class="triage-item" data-status={response.triage.status}>
      <blockquote id={commentId} class="comment">{response.answers.comment}</blockquote>
      <p class="meta">
        <span>{answerSummary(response, catalog)}</span>
        <span>{response.surveyId}</span>
        {response.plan && <span>{response.plan}</span>}
        {response.respondent.accountId && <span>account {response.respondent.accountId}</span>}
        <Link to={`/responses/${encodeURIComponent(response.id)}`}>{formatDateTime(response.receivedAt)}</Link>
        <span>owner {ownerOf(response)}</span>
      </p>
      <div class="triage-controls">
        <label for={selectId}>Status</label>
        <select
          id={selectId}
          aria-describedby={commentId}
          value={response.triage.status}
          disabled={saving}
          onChange={(e) => void changeStatus(e.currentTarget.value as TriageStatus)}
        >
          {TRIAGE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
        {response.triage.issueUrl && (
          <a href={response.triage.issueUrl} rel="noreferrer noopener" target="_blank">
            issue
          </a>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
