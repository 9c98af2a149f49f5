import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { edit, moved, routingBody, routingFormOf, type RoutingForm, type RoutingView } from '../routing-form.ts';
import type { ListedSurvey } from '../survey-form.ts';
import { useLoad } from '../use-load.ts';
import { useSave, type SaveNote } from '../use-save.ts';
import { ActorField } from './actor-field.tsx';
import { DriEditor } from './dri-editor.tsx';
import { ErrorNote } from './error-note.tsx';
import { OwnersEditor } from './owners-editor.tsx';
import { RotationEditor } from './rotation-editor.tsx';
import { RouteTester } from './route-tester.tsx';
import { RuleEditor } from './rule-editor.tsx';
import { SaveOutcome } from './save-outcome.tsx';
import '../surveys.css';
import '../routing.css';

export interface RoutesPageProps {
  api: Api;
}

interface RoutingChange {
  version: number;
  at: string;
  actor: string;
  settings: Record<string, unknown>;
}

const SOURCE_WORDS = { file: 'as in the config file', console: 'changed in the console' } as const;

/**
 * Who hears about an answer, edited live: the ordered rules (the first that matches wins), the rotation,
 * the owners with their channels and a test alert, the feedback types' DRIs; saved together, kept with who
 * changed what; and "who would get this answer?".
 */
export function RoutesPage({ api }: RoutesPageProps) {
  const [round, setRound] = useState(0);
  const [note, setNote] = useState<SaveNote | undefined>(undefined);
  const routing = useLoad(() => api.get<RoutingView>('/v1/routing'), [api, round]);
  const history = useLoad(() => api.get<{ items: RoutingChange[] }>('/v1/routing/history'), [api, round]);
  const surveys = useLoad(() => api.get<{ surveys: ListedSurvey[] }>('/v1/surveys'), [api]);
  return (
    <>
      <section aria-labelledby="routes-title">
        <h2 id="routes-title">Routes</h2>
        <p class="hint">An answer that needs a person goes to the first rule that matches, else to the feedback type's DRI, else to the owner on duty.</p>
        {routing.error && <ErrorNote error={routing.error} />}
        {routing.loading && !routing.data && <p class="loading">Loading…</p>}
        {routing.data && (
          <>
            {routing.data.ignored && <p class="error">Stored routing is ignored, it no longer fits the config file: {routing.data.ignored}</p>}
            <ActorField />
            {/* A new form per stored version: after a save it shows what is now in use. */}
            <RoutingEditor key={routing.data.version} api={api} view={routing.data} onNote={setNote} onSaved={() => setRound((n) => n + 1)} />
            <SaveOutcome note={note} />
          </>
        )}
      </section>
      <section aria-labelledby="routing-history-title">
        <h2 id="routing-history-title">Routing history</h2>
        {history.error && <ErrorNote error={history.error} />}
        {history.data && history.data.items.length === 0 && <p class="empty">Never changed in the console.</p>}
        {history.data && history.data.items.length > 0 && (
          <ol class="history">
            {history.data.items.map((change) => (
              <li key={change.version}>
                <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time> · {change.actor} ·{' '}
                {Object.keys(change.settings).length === 0 ? 'back to the config file' : `changed ${Object.keys(change.settings).join(', ')}`}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="route-test-title">
        <h2 id="route-test-title">Who would get this answer?</h2>
        {surveys.error && <ErrorNote error={surveys.error} />}
        {surveys.data && <RouteTester api={api} surveys={surveys.data.surveys} />}
      </section>
    </>
  );
}

interface RoutingEditorProps {
  api: Api;
  view: RoutingView;
  onNote: (note: SaveNote | undefined) => void;
  onSaved: () => void;
}

function RoutingEditor({ api, view, onNote, onSaved }: RoutingEditorProps) {
  const [form, setForm] = useState<RoutingForm>(() => routingFormOf(view));
  const [saving, save] = useSave(onNote);
  const saved = new Set(view.owners.map((owner) => owner.id));
  const source = (part: keyof RoutingView['sources']) => <span class="hint"> ({SOURCE_WORDS[view.sources[part]]})</span>;

  // Based on the routing this page shows: a change saved by someone else meanwhile is refused, not overwritten.
  const send = (body: Record<string, unknown>, done: string) =>
    save(async () => {
      await api.put('/v1/routing', body, view.change?.version ?? 0);
      onSaved();
      return done;
    });

  return (
    <form
      class="triage-form survey-form routing-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send(routingBody(form, view.sources), 'Saved. Every collector routes by it within a few seconds.');
      }}
    >
      <fieldset>
        <legend>Rules, in order{source('routes')}</legend>
        <ol class="routes" aria-label="Rules">
          {form.routes.map((rule, index) => (
            <RuleEditor
              key={index}
              rule={rule}
              index={index}
              count={form.routes.length}
              owners={form.owners}
              view={{ surveys: view.surveys, choices: view.choices, feedbackTypes: form.feedbackTypes }}
              onChange={(next) => setForm(edit(form, 'routes', form.routes.map((other, at) => (at === index ? next : other))))}
              onMove={(by) => setForm(edit(form, 'routes', moved(form.routes, index, by)))}
              onRemove={() => setForm(edit(form, 'routes', form.routes.filter((_, at) => at !== index)))}
            />
          ))}
        </ol>
        {form.routes.length === 0 && <p class="empty">No rules.</p>}
        <div class="actions">
          <button
            type="button"
            class="quiet"
            disabled={form.owners.length === 0}
            onClick={() => setForm(edit(form, 'routes', [...form.routes, { when: {}, owner: form.owners[0]?.id ?? '' }]))}
          >
            Add a rule
          </button>
        </div>
      </fieldset>
      <RotationEditor
        rotation={form.rotation}
        owners={form.owners}         today={new Date().toISOString().slice(0, 10)}
        source={SOURCE_WORDS[view.sources.rotation]}
        onChange={(rotation) => setForm(edit(form, 'rotation', rotation))}
      />
      <fieldset>
        <legend>Owners and their channels{source('owners')}</legend>
        <OwnersEditor api={api} owners={form.owners} saved={saved} onChange={(owners) => setForm(edit(form, 'owners', owners))} />
      </fieldset>
      <fieldset>
        <legend>DRIs{source('feedbackTypes')}</legend>
        <DriEditor feedbackTypes={form.feedbackTypes} owners={form.owners} onChange={(types) => setForm(edit(form, 'feedbackTypes', types))} />
      </fieldset>
      <div class="actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save routing'}
        </button>
        <button
          type="button"
          class="quiet"
          disabled={saving || Object.values(view.sources).every((part) => part === 'file')}
          onClick={() => void send({}, 'Back to the config file. Every collector routes by it within a few seconds.')}
        >
          Back to the config file
        </button>
      </div>
    </form>
  );
}
