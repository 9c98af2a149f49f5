import type { IssueSummary } from '@heed/shared';
import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { useSave, type SaveNote } from '../use-save.ts';

export interface IssuePanelProps {
  api: Api;
  itemId: string;
  /** The issue the item is linked to now, if any. */
  issueUrl?: string;
  /** After a link or an unlink: the item changed. */
  onLinked: () => void;
}

/**
 * Links the item to an issue or feature (URL and title), which counts it among those asking in Issues, or
 * unlinks it (a link made by mistake), which takes it out of that count.
 */
export function IssuePanel({ api, itemId, issueUrl = '', onLinked }: IssuePanelProps) {
  const [url, setUrl] = useState(issueUrl);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState<SaveNote | undefined>(undefined);
  const [saving, save] = useSave(setNote, 'Not linked');
  const [unlinking, unlink] = useSave(setNote, 'Not unlinked');
  const itemPath = `/v1/items/${encodeURIComponent(itemId)}/issue`;

  function link(event: Event) {
    event.preventDefault();
    void save(async () => {
      const { issue } = await api.post<{ issue: IssueSummary }>(itemPath, { url: url.trim(), ...(title.trim() && { title: title.trim() }) });
      onLinked();
      return `Linked; ${issue.asking} ${issue.asking === 1 ? 'item asks' : 'items ask'} for it.`;
    });
  }

  function unlinkIssue() {
    void unlink(async () => {
      const { unlinked } = await api.delete<{ unlinked: string }>(itemPath);
      setUrl('');
      setTitle('');
      onLinked();
      return `Unlinked from ${unlinked}.`;
    });
  }

  return (
    <section aria-labelledby="issue-title">
      <h2 id="issue-title">Issue</h2>
      {issueUrl && (
        <p>
          Linked to <a href={issueUrl}>{issueUrl}</a>{' '}
          <button type="button" disabled={unlinking || saving} onClick={unlinkIssue}>
            {unlinking ? 'Unlinking…' : 'Unlink'}
          </button>
        </p>
      )}
      <form class="triage-form" onSubmit={link}>
        <label>
          <span>Issue or feature URL</span>
          <input type="url" required value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://github.com/org/repo/issues/1" />
        </label>
        <label>
          <span>Title (optional)</span>
          <input type="text" maxLength={500} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={saving || unlinking}>
          {saving ? 'Linking…' : 'Link issue'}
        </button>
        <p class={note?.error ? 'error' : 'hint'} role="status" aria-live="polite">
          {note?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
