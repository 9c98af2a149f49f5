import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { PresentedResponse, TriagePatch, TriageStatus } from '../types.ts';
import type { Catalog } from '../use-catalog.ts';
import { TRIAGE_STATUSES } from './triage-item.tsx';

export interface TriageFormProps {
  api: Api;
  response: PresentedResponse;
  catalog: Catalog;
  onSaved: (response: PresentedResponse) => void;
}

/** Tags as typed: comma-separated, trimmed, without blanks or repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''))];
}

/** What changed between the stored triage and the form, as a PATCH body; `undefined` when nothing did. */
export function triagePatch(
  triage: PresentedResponse['triage'],
  form: { status: TriageStatus; owner: string; tags: string; issueUrl: string },
  routedOwner: string | undefined,
): TriagePatch | undefined {
  const patch: TriagePatch = {};
  if (form.status !== triage.status) patch.status = form.status;
  const owner = form.owner.trim();
  if (owner !== '' && owner !== (triage.owner ?? routedOwner ?? '')) patch.owner = owner;
  const tags = parseTags(form.tags);
  if (tags.join('\n') !== triage.tags.join('\n')) patch.tags = tags;
  const issueUrl = form.issueUrl.trim();
  if (issueUrl !== (triage.issueUrl ?? '')) patch.issueUrl = issueUrl === '' ? null : issueUrl;
  return Object.keys(patch).length === 0 ? undefined : patch;
}

/** Status, owner (a new owner is alerted), tags and issue link of one response, saved together. */
export function TriageForm({ api, response, catalog, onSaved }: TriageFormProps) {
  const { triage } = response;
  const [status, setStatus] = useState<TriageStatus>(triage.status);
  const [owner, setOwner] = useState(triage.owner ?? response.routing.owner ?? '');
  const [tags, setTags] = useState(triage.tags.join(', '));
  const [issueUrl, setIssueUrl] = useState(triage.issueUrl ?? '');
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | undefined>(undefined);

  async function save(event: Event) {
    event.preventDefault();
    const patch = triagePatch(triage, { status, owner, tags, issueUrl }, response.routing.owner);
    if (!patch) {
      setNote({ error: false, text: 'Nothing changed.' });
      return;
    }
    setSaving(true);
    setNote(undefined);
    try {
      const stored = await api.patch<PresentedResponse>(`/v1/responses/${encodeURIComponent(response.id)}`, patch);
      onSaved(stored);
      setNote({ error: false, text: patch.owner ? `Saved; ${patch.owner} is alerted.` : 'Saved.' });
    } catch (failure) {
      setNote({ error: true, text: `Not saved: ${(failure as Error).message}` });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="triage-form" onSubmit={(event) => void save(event)}>
      <label>
        <span>Status</span>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as TriageStatus)}>
          {TRIAGE_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Owner</span>
        <input value={owner} list="triage-owners" onInput={(e) => setOwner(e.currentTarget.value)} />
      </label>
      <datalist id="triage-owners">
        {catalog.owners.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <label>
        <span>Tags</span>
        <input value={tags} aria-describedby="tags-hint" onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      <p id="tags-hint" class="hint">
        Separated by commas.
      </p>
      <label>
        <span>Issue link</span>
        <input type="url" value={issueUrl} placeholder="https://…" onInput={(e) => setIssueUrl(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save triage'}
        </button>
        <p class={note?.error ? 'error' : 'hint'} role={note?.error ? 'alert' : 'status'}>
          {note?.text ?? ''}
        </p>
      </div>
    </form>
  );
}
