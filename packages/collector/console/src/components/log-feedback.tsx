import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { IntakeSource } from '../item-types.ts';
import { useInboxCatalog } from '../use-inbox-catalog.ts';
import { PLAN_CHOICES } from './choice-select.tsx';
import { Link } from './link.tsx';
import '../inbox.css';

/** Dispatched on `window` when feedback was logged, so lists showing it can load again. */
export const FEEDBACK_LOGGED = 'heed:feedback-logged';

/** The shortcut that opens the form from anywhere in the console. */
export const LOG_FEEDBACK_KEYS = 'Alt+Shift+L';

const SOURCES: { value: IntakeSource; label: string }[] = [
  { value: 'manual', label: 'Note' },
  { value: 'sales-call', label: 'Sales call' },
  { value: 'support', label: 'Support' },
];

const REPORTER_KEY = 'heed.reporterName';

export interface LogFeedbackProps {
  api: Api;
}

export interface LogFeedbackForm {
  source: IntakeSource;
  feedbackType: string;
  text: string;
  accountName: string;
  plan: string;
  region: string;
  reporter: string;
  /** A contact of the customer's, and whether they agreed to hear back (the "tell them" message). */
  contactEmail?: string;
  mayContact?: boolean;
}

/** The `POST /v1/feedback` body of the form: blanks left out, `sourceId` naming this one entry (so a retry is not a second item). */
export function feedbackDraft(form: LogFeedbackForm, sourceId: string): Record<string, unknown> {
  const customer = {
    ...(form.accountName.trim() && { accountName: form.accountName.trim() }),
    ...(form.plan && { plan: form.plan }),
    ...(form.region.trim() && { region: form.region.trim() }),
    ...(form.contactEmail?.trim() && { contactEmail: form.contactEmail.trim(), mayContact: form.mayContact === true }),
  };
  return {
    source: form.source,
    sourceId,
    ...(form.feedbackType && { feedbackType: form.feedbackType }),
    text: form.text.trim(),
    customer,
    ...(form.reporter.trim() && { reporter: { name: form.reporter.trim() } }),
  };
}

/** Does this key press open the form: Alt+Shift+L, by key position so every keyboard layout has it. */
export function isLogFeedbackShortcut(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyL';
}

const blank = (): LogFeedbackForm => ({
  source: 'manual',
  feedbackType: '',
  text: '',
  accountName: '',
  plan: '',
  region: '',
  reporter: localStorage.getItem(REPORTER_KEY) ?? '',
});

/**
 * "Log feedback": a button in the header and Alt+Shift+L anywhere open a dialog whose focus lands in the
 * text; Enter sends (Shift+Enter starts a new line), Escape closes. What was logged is announced with a
 * link to its page.
 */
export function LogFeedback({ api }: LogFeedbackProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const textField = useRef<HTMLTextAreaElement>(null);
  const catalog = useInboxCatalog(api);
  const [form, setForm] = useState<LogFeedbackForm>(blank);
  const [sourceId, setSourceId] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [logged, setLogged] = useState<string | undefined>(undefined);

  function open() {
    const element = dialog.current;
    if (!element || element.open) return;
    setError(undefined);
    element.showModal();
    textField.current?.focus();
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isLogFeedbackShortcut(event)) return;
      event.preventDefault();
      open();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const set = (field: keyof LogFeedbackForm) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setForm((previous) => ({ ...previous, [field]: value }));
  };

  async function send(event: Event) {
    event.preventDefault();
    if (sending) return;
    if (form.text.trim() === '') {
      setError('Write the feedback first.');
      textField.current?.focus();
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      const answer = await api.post<{ id: string; duplicate: boolean }>('/v1/feedback', feedbackDraft(form, sourceId));
      if (form.reporter.trim()) localStorage.setItem(REPORTER_KEY, form.reporter.trim());
      else localStorage.removeItem(REPORTER_KEY);
      dialog.current?.close();
      setLogged(answer.id);
      setForm({ ...blank(), source: form.source, feedbackType: form.feedbackType });
      setSourceId(crypto.randomUUID());
      dispatchEvent(new CustomEvent(FEEDBACK_LOGGED, { detail: answer }));
    } catch (failure) {
      setError(`Not logged: ${(failure as Error).message}`);
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <button type="button" class="quiet log-feedback-open" aria-keyshortcuts={LOG_FEEDBACK_KEYS} title={`Log feedback (${LOG_FEEDBACK_KEYS})`} onClick={open}>
        Log feedback
      </button>
      <p class="logged-note" role="status">
        {logged && (
          <>
            Feedback logged. <Link to={`/items/${encodeURIComponent(logged)}`}>Open it</Link>
          </>
        )}
      </p>
      <dialog ref={dialog} class="log-feedback" aria-labelledby="log-feedback-title">
        <form
          onSubmit={(event) => void send(event)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && (event.target as HTMLElement).tagName === 'TEXTAREA') {
              event.preventDefault();
              event.currentTarget.requestSubmit();
            }
          }}
        >
          <h2 id="log-feedback-title">Log feedback</h2>
          <label>
            <span>Feedback</span>
            <textarea ref={textField} value={form.text} maxLength={20_000} aria-describedby="log-feedback-keys" onInput={set('text')} />
          </label>
          <p id="log-feedback-keys" class="hint">
            <kbd>Enter</kbd> logs it, <kbd>Shift</kbd>+<kbd>Enter</kbd> starts a new line, <kbd>Esc</kbd> closes.
          </p>
          <div class="row">
            <label>
              <span>Source</span>
              <select value={form.source} onChange={set('source')}>
                {SOURCES.map((source) => (
                  <option key={source.value} value={source.value}>
                    {source.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Feedback type</span>
              <select value={form.feedbackType} onChange={set('feedbackType')}>
                <option value="">none</option>
                {catalog.feedbackTypes.map((type) => (
                  <option key={type.id} value={type.id}>
                    {type.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div class="row">
            <label>
              <span>Customer</span>
              <input value={form.accountName} maxLength={200} autoComplete="organization" onInput={set('accountName')} />
            </label>
            <label>
              <span>Plan</span>
              <select value={form.plan} onChange={set('plan')}>
                <option value="">unknown</option>
                {PLAN_CHOICES.map((plan) => (
                  <option key={plan.value} value={plan.value}>
                    {plan.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Region</span>
              <input value={form.region} maxLength={50} onInput={set('region')} />
            </label>
          </div>
          <div class="row">
            <label>
              <span>Contact email</span>
              <input type="email" value={form.contactEmail ?? ''} maxLength={254} autoComplete="off" onInput={set('contactEmail')} />
            </label>
            <label class="check">
              <input type="checkbox" checked={form.mayContact === true} onChange={(event) => setForm((previous) => ({ ...previous, mayContact: event.currentTarget.checked }))} />
              <span>They agree to hear back when it ships</span>
            </label>
          </div>
          <label>
            <span>Logged by</span>
            <input value={form.reporter} maxLength={200} autoComplete="name" onInput={set('reporter')} />
          </label>
          <p class="error" role="alert">
            {error ?? ''}
          </p>
          <div class="actions">
            <button type="submit" disabled={sending}>
              {sending ? 'Logging…' : 'Log it'}
            </button>
            <button type="button" class="quiet" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
