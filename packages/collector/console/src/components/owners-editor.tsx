import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { OwnerDraft } from '../routing-form.ts';

export interface OwnersEditorProps {
  api: Api;
  owners: OwnerDraft[];
  /** Owners as the collector has them now: a test alert goes to those, not to unsaved edits. */
  saved: ReadonlySet<string>;
  onChange: (owners: OwnerDraft[]) => void;
}

interface TestResult {
  channel: string;
  status: 'delivered' | 'failed';
  error?: string;
}

const FIELDS = [
  ['name', 'Name', 'text'],
  ['email', 'Email', 'email'],
  ['slackWebhookUrl', 'Slack webhook URL', 'url'],
  ['webhookUrl', 'Webhook URL', 'url'],
  ['timeZone', 'Time zone (IANA, e.g. Europe/Berlin)', 'text'],
] as const;

const EMPTY_OWNER: OwnerDraft = { id: '', name: '', email: '', slackWebhookUrl: '', webhookUrl: '', webhookSecret: '', timeZone: '', hasWebhookSecret: false };

/** The owners and their channels, each folded to its name; a test alert on every channel of a saved owner. */
export function OwnersEditor({ api, owners, saved, onChange }: OwnersEditorProps) {
  const [tests, setTests] = useState<Record<string, string>>({});
  const [newId, setNewId] = useState('');
  const update = (index: number, changes: Partial<OwnerDraft>) => onChange(owners.map((owner, at) => (at === index ? { ...owner, ...changes } : owner)));

  async function sendTest(id: string) {
    setTests((current) => ({ ...current, [id]: 'Sending…' }));
    try {
      const { results } = await api.post<{ results: TestResult[] }>(`/v1/owners/${encodeURIComponent(id)}/test-alert`);
      const words = results.map((result) => `${result.channel}: ${result.status}${result.error ? ` (${result.error})` : ''}`);
      setTests((current) => ({ ...current, [id]: words.length > 0 ? words.join('; ') : 'No channel: give an email, a Slack or a webhook URL.' }));
    } catch (failure) {
      setTests((current) => ({ ...current, [id]: `Not sent: ${(failure as Error).message}` }));
    }
  }

  return (
    <>
      <ul class="owners">
        {owners.map((owner, index) => (
          <li key={owner.id || index}>
            <details>
              <summary>
                {owner.name || owner.id} <span class="hint">({owner.id})</span>
              </summary>
              <fieldset class="rule-fields">
                <legend>Owner {owner.id}</legend>
                {FIELDS.map(([field, label, type]) => (
                  <label key={field}>
                    <span>{label}</span>
                    <input type={type} value={owner[field]} onInput={(e) => update(index, { [field]: e.currentTarget.value })} />
                  </label>
                ))}
                <label>
                  <span>Webhook signing secret (16 characters or more)</span>
                  <input
                    type="password"
                    autoComplete="new-password"
                    value={owner.webhookSecret}
                    placeholder={owner.hasWebhookSecret ? 'Set: leave empty to keep it' : ''}
                    onInput={(e) => update(index, { webhookSecret: e.currentTarget.value })}
                  />
                </label>
                <div class="actions">
                  <button type="button" class="quiet" disabled={!saved.has(owner.id)} onClick={() => void sendTest(owner.id)}>
                    Send a test alert to {owner.name || owner.id}
                  </button>
                  <button type="button" class="quiet" onClick={() => onChange(owners.filter((_, at) => at !== index))}>
                    Remove {owner.name || owner.id}
                  </button>
                  <p class="hint" role="status">
                    {tests[owner.id] ?? (saved.has(owner.id) ? '' : 'Save first to send a test alert.')}
                  </p>
                </div>
              </fieldset>
            </details>
          </li>
        ))}
      </ul>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const id = newId.trim();
          if (id === '' || owners.some((owner) => owner.id === id)) return;
          onChange([...owners, { ...EMPTY_OWNER, id, name: id }]);
          setNewId('');
        }}
      >
        <label>
          <span>New owner's id (a-z, 0-9, -)</span>
          <input value={newId} pattern="[a-z0-9][a-z0-9\-]{0,63}" onInput={(e) => setNewId(e.currentTarget.value)} />
        </label>
        <button type="submit" class="quiet">
          Add owner
        </button>
      </form>
    </>
  );
}
