import type { TellThemPreview, TellThemSent } from '@heed/shared';
import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { useLoad } from '../use-load.ts';
import { useSave, type SaveNote } from '../use-save.ts';
import { Fact } from './fact.tsx';
import '../tell-them.css';

export interface TellThemPanelProps {
  api: Api;
  itemId: string;
  /** Changes when the item does (linked to another issue, a history entry): the preview loads again. */
  revision?: string;
  /** Reloads the item (its history records the message). */
  onSent: () => void;
}

const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
];

/** Once the item's issue is closed, the message that tells the customer, previewed in their language, sent once. */
export function TellThemPanel({ api, itemId, revision = '', onSent }: TellThemPanelProps) {
  const [locale, setLocale] = useState('en');
  const [round, setRound] = useState(0);
  const [note, setNote] = useState<SaveNote | undefined>(undefined);
  const [sending, save] = useSave(setNote, 'Not sent');
  const preview = useLoad(() => api.get<TellThemPreview>(`/v1/items/${encodeURIComponent(itemId)}/tell-them/preview`, { locale }), [api, itemId, locale, round, revision]);
  const message = preview.data?.ready ? preview.data : undefined;

  const send = () =>
    save(async () => {
      const sent = await api.post<TellThemSent>(`/v1/items/${encodeURIComponent(itemId)}/tell-them?locale=${encodeURIComponent(locale)}`);
      setRound((n) => n + 1);
      onSent();
      return `Sent to ${sent.to}.`;
    });

  return (
    <section aria-labelledby="tell-them-title">
      <h2 id="tell-them-title">Tell them</h2>
      {preview.error && <p class="error">Not loaded: {preview.error.message}</p>}
      {preview.data && !preview.data.ready && <p class="hint">Not now: {preview.data.reason}.</p>}
      {message && (
        <>
          <label class="tell-them-language">
            <span>Language</span>
            <select value={locale} onChange={(event) => setLocale(event.currentTarget.value)}>
              {LANGUAGES.map((language) => (
                <option key={language.value} value={language.value}>
                  {language.label}
                </option>
              ))}
            </select>
          </label>
          <dl class="facts">
            <Fact term="To">{message.to}</Fact>
            <Fact term="Subject">{message.subject}</Fact>
          </dl>
          <pre class="tell-them-text">{message.text}</pre>
          {message.toldAt ? (
            <p class="hint">Told on {formatDateTime(message.toldAt)}.</p>
          ) : (
            <button type="button" disabled={sending} onClick={() => void send()}>
              {sending ? 'Sending…' : 'Send it'}
            </button>
          )}
        </>
      )}
      <p class={note?.error ? 'error' : 'hint'} role="status" aria-live="polite">
        {note?.text ?? ''}
      </p>
    </section>
  );
}
