import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { useSave, type SaveNote } from '../use-save.ts';
import '../privacy.css';

export interface PrivacyPageProps {
  api: Api;
}

interface RespondentErased {
  erased: { responses: number; displays: number; alerts: number };
}

interface ContactErased {
  erased: { items: number };
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What erasing a user id removed, in words. */
export function respondentErasedText(userId: string, { responses, displays, alerts }: RespondentErased['erased']): string {
  if (responses + displays + alerts === 0) return `Nothing was stored for user id "${userId}".`;
  return `Erased ${counted(responses, 'answer', 'answers')}, ${counted(displays, 'display', 'displays')} and ${counted(alerts, 'unsent alert', 'unsent alerts')} of user id "${userId}".`;
}

/** What erasing an address removed, in words. */
export function contactErasedText(email: string, items: number): string {
  const where = items === 0 ? 'No item held it' : `Erased it from ${counted(items, 'item', 'items')}`;
  return `${where}; nothing will be sent to ${email} again.`;
}

/**
 * Erasing a person who asks to be forgotten: their survey answers, displays and unsent alerts by user id,
 * and their email address from every item they are the contact or reporter of (never written to again).
 * Each asks for a confirmation first, since neither can be undone; report counts stay, anonymous.
 */
export function PrivacyPage({ api }: PrivacyPageProps) {
  return (
    <section aria-labelledby="privacy-title">
      <div class="section-head">
        <h2 id="privacy-title">Privacy</h2>
        <p class="hint">When someone asks to be forgotten. Neither erasure can be undone; report counts stay, without the person.</p>
      </div>
      <div class="privacy">
        <ErasureForm
          id="erase-user"
          title="Survey answers, by user id"
          hint="Every answer and display of this user id, and the alerts about their answers that have not gone out."
          field={{ label: 'User id', type: 'text', maxLength: 200, autoComplete: 'off' }}
          confirm="This is the person who asked, and erasing their answers cannot be undone."
          submit="Erase answers"
          failed="Not erased"
          erase={async (userId) => respondentErasedText(userId, (await api.delete<RespondentErased>(`/v1/respondents/${encodeURIComponent(userId)}`)).erased)}
        />
        <ErasureForm
          id="erase-email"
          title="Feedback, by email address"
          hint="The address, in any case, from every item it is the contact or reporter of: the contact and their consent, the reporter, and the address where it is written. The feedback stays."
          field={{ label: 'Email address', type: 'email', maxLength: 254, autoComplete: 'off' }}
          confirm="This is the person who asked, and erasing their address cannot be undone."
          submit="Erase address"
          failed="Not erased"
          erase={async (email) => contactErasedText(email, (await api.delete<ContactErased>(`/v1/contacts/${encodeURIComponent(email)}`)).erased.items)}
        />
      </div>
    </section>
  );
}

interface ErasureFormProps {
  id: string;
  title: string;
  hint: string;
  field: { label: string; type: 'text' | 'email'; maxLength: number; autoComplete: string };
  confirm: string;
  submit: string;
  failed: string;
  /** Erases what the value names; answers what to tell the person. */
  erase: (value: string) => Promise<string>;
}

function ErasureForm({ id, title, hint, field, confirm, submit, failed, erase }: ErasureFormProps) {
  const [value, setValue] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [note, setNote] = useState<SaveNote | undefined>(undefined);
  const [erasing, run] = useSave(setNote, failed);

  function onSubmit(event: Event) {
    event.preventDefault();
    const target = value.trim();
    void run(async () => {
      const text = await erase(target);
      setValue('');
      setConfirmed(false);
      return text;
    });
  }

  return (
    <form class="triage-form" aria-labelledby={`${id}-title`} onSubmit={onSubmit}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      <label>
        <span>{field.label}</span>
        <input
          type={field.type}
          required
          maxLength={field.maxLength}
          autoComplete={field.autoComplete}
          aria-describedby={`${id}-hint`}
          value={value}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input type="checkbox" required checked={confirmed} onChange={(event) => setConfirmed(event.currentTarget.checked)} />
        <span>{confirm}</span>
      </label>
      <div class="actions">
        <button type="submit" class="danger" disabled={erasing}>
          {erasing ? 'Erasing…' : submit}
        </button>
      </div>
      <p class={note?.error ? 'error' : 'hint'} role="status" aria-live="polite">
        {note?.text ?? ''}
      </p>
    </form>
  );
}
