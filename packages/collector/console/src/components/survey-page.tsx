import { useMemo, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { ListedSurvey, SettingsChangeView, SurveyForm } from '../survey-form.ts';
import { previewSurvey } from '../survey-preview.ts';
import { useLoad } from '../use-load.ts';
import type { SaveNote } from '../use-save.ts';
import { ActorField } from './actor-field.tsx';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import { SaveOutcome } from './save-outcome.tsx';
import { SurveyHistory } from './survey-history.tsx';
import { SurveyPreview } from './survey-preview.tsx';
import { SurveySettingsForm } from './survey-settings-form.tsx';
import '../surveys.css';
import '../survey-preview.css';

export interface SurveyPageProps {
  api: Api;
  id: string;
}

/**
 * One survey: its tunable settings to edit beside a preview of it in the widget as they stand, where they
 * come from, and every change with who made it.
 */
export function SurveyPage({ api, id }: SurveyPageProps) {
  const [round, setRound] = useState(0);
  const [note, setNote] = useState<SaveNote | undefined>(undefined);
  const list = useLoad(() => api.get<{ surveys: ListedSurvey[] }>('/v1/surveys'), [api, round]);
  const history = useLoad(() => api.get<{ items: SettingsChangeView[] }>(`/v1/surveys/${encodeURIComponent(id)}/history`), [api, id, round]);
  const entry = list.data?.surveys.find((survey) => survey.id === id);
  /** The form as it stands, unsaved: what the preview shows. */
  const [draft, setDraft] = useState<{ id: string; form: SurveyForm } | undefined>(undefined);
  const preview = useMemo(() => (entry && draft?.id === entry.id ? previewSurvey(draft.form, entry.file) : undefined), [entry, draft]);
  return (
    <>
      <p class="back">
        <Link to="/surveys">All surveys</Link>
      </p>
      <section aria-labelledby="survey-title">
        <h2 id="survey-title">Survey {id}</h2>
        {list.error && <ErrorNote error={list.error} />}
        {list.loading && !list.data && <p class="loading">Loading…</p>}
        {list.data && !entry && <p class="error" role="alert">The config file has no survey "{id}".</p>}
        {entry && (
          <>
            <p class="meta">
              {entry.kind} · project {entry.project} · product area {entry.productArea} ·{' '}
              {entry.source === 'console' ? 'settings changed in the console' : 'as in the config file'}
            </p>
            {entry.ignored && <p class="error">Stored settings are ignored, they no longer fit the config file: {entry.ignored}</p>}
            <div class="survey-editor">
              <div class="survey-editor-form">
                <ActorField />
                {/* A new form per stored version: after a save it shows what is now served. */}
                <SurveySettingsForm
                  key={`${entry.id}:${entry.change?.version ?? 0}`}
                  api={api}
                  entry={entry}
                  onNote={setNote}
                  onSaved={() => setRound((n) => n + 1)}
                  onChange={(form) => setDraft({ id: entry.id, form })}
                />
                <SaveOutcome note={note} />
              </div>
              {preview && <SurveyPreview survey={preview} active={draft?.form.active} />}
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="survey-history-title">
        <h2 id="survey-history-title">History</h2>
        {history.error && <ErrorNote error={history.error} />}
        {history.data && <SurveyHistory changes={history.data.items} />}
      </section>
    </>
  );
}
