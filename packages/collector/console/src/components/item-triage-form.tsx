import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { PresentedItem } from '../item-types.ts';
import type { CatalogView } from '../item-types.ts';
import type { TriageStatus } from '../types.ts';
import { triagePatch } from './triage-form.tsx';
import { TRIAGE_STATUSES } from './triage-item.tsx';

export interface ItemTriageFormProps {
  api: Api;
  item: PresentedItem;
  catalog: CatalogView;
  onSaved: (item: PresentedItem) => void;
}

/** Status, owner (a new owner is alerted), tags and issue link of one inbox entry, saved together through `PATCH /v1/items/:id`. */
export function ItemTriageForm({ api, item, catalog, onSaved }: ItemTriageFormProps) {
  const { triage } = item;
  const [status, setStatus] = useState<TriageStatus>(triage.status);
  const [owner, setOwner] = useState(triage.owner ?? item.routing.owner ?? '');
  const [tags, setTags] = useState(triage.tags.join(', '));
  const [issueUrl, setIssueUrl] = useState(triage.issueUrl ?? '');
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ error: boolean; text: string } | undefined>(undefined);

  async function save(event: Event) {
    event.preventDefault();
    const patch = triagePatch(triage, { status, owner, tags, issueUrl }, item.routing.owner);
    if (!patch) {
      setNote({ error: false, text: 'Nothing changed.' });
      return;
    }
    setSaving(true);
    setNote(undefined);
    try {
      onSaved(await api.patch<PresentedItem>(`/v1/items/${encodeURIComponent(item.id)}`, patch));
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
        <select value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
          {owner === '' && <option value="">unrouted</option>}
          {!catalog.owners.some((known) => known.id === owner) && owner !== '' && <option value={owner}>{owner}</option>}
          {catalog.owners.map((known) => (
            <option key={known.id} value={known.id}>
              {known.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Tags</span>
        <input value={tags} aria-describedby="item-tags-hint" onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      <p id="item-tags-hint" class="hint">
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
