import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { PresentedResponse, TriagePatch, TriageStatus } from '../types.ts';
import { useSave, type SaveNote } from '../use-save.ts';
import { TRIAGE_STATUSES } from './triage-item.tsx';

/** What a triage form edits: a survey response or an inbox item. */
export interface Triaged {
  id: string;
  triage: PresentedResponse['triage'];
  routing: { owner?: string | undefined };
}

export interface TriageFormProps<T extends Triaged> {
  api: Api;
  entry: T;
  /** Where it is saved: `PATCH ${path}/:id`. */
  path: '/v1/responses' | '/v1/items';
  onSaved: (entry: T) => void;
  /** The owner control, given the owner as it stands in the form and its setter. */
  ownerControl: (owner: string, setOwner: (owner: string) => void) => ComponentChildren;
  /** The id of the tags hint, unique on the page. */
  tagsHintId?: string;
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

/** Status, owner (a new owner is alerted), tags and issue link of one response or item, saved together. */
export function TriageForm<T extends Triaged>({ api, entry, path, onSaved, ownerControl, tagsHintId = 'tags-hint' }: TriageFormProps<T>) {
  const { triage } = entry;
  const [status, setStatus] = useState<TriageStatus>(triage.status);
  const [owner, setOwner] = useState(triage.owner ?? entry.routing.owner ?? '');
  const [tags, setTags] = useState(triage.tags.join(', '));
  const [issueUrl, setIssueUrl] = useState(triage.issueUrl ?? '');
  // The issue link can change outside this form (the item's Issue panel links and unlinks): the field follows
  // it unless it was edited here, so saving the other fields never puts back a link just removed.
  const storedIssueUrl = triage.issueUrl ?? '';
  const shownIssueUrl = useRef(storedIssueUrl);
  useEffect(() => {
    if (storedIssueUrl === shownIssueUrl.current) return;
    if (issueUrl.trim() === shownIssueUrl.current) setIssueUrl(storedIssueUrl);
    shownIssueUrl.current = storedIssueUrl;
  }, [storedIssueUrl]);
  const [note, setNote] = useState<SaveNote | undefined>(undefined);
  const [saving, save] = useSave(setNote);

  function submit(event: Event) {
    event.preventDefault();
    const patch = triagePatch(triage, { status, owner, tags, issueUrl }, entry.routing.owner);
    if (!patch) {
      setNote({ error: false, text: 'Nothing changed.' });
      return;
    }
    void save(async () => {
      onSaved(await api.patch<T>(`${path}/${encodeURIComponent(entry.id)}`, patch));
      return patch.owner ? `Saved; ${patch.owner} is alerted.` : 'Saved.';
    });
  }

  return (
    <form class="triage-form" onSubmit={submit}>
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
      {ownerControl(owner, setOwner)}
      <label>
        <span>Tags</span>
        <input value={tags} aria-describedby={tagsHintId} onInput={(e) => setTags(e.currentTarget.value)} />
      </label>
      <p id={tagsHintId} class="hint">
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
