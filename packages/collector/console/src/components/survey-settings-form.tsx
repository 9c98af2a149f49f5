import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { formOf, settingsOf, targeted, type ListedSurvey, type SettingsChangeView, type SurveyForm } from '../survey-form.ts';
import { useSave, type SaveNote } from '../use-save.ts';

export interface SurveySettingsFormProps {
  api: Api;
  entry: ListedSurvey;
  /** Called with what to tell the person: the page keeps it, since a save remounts this form. */
  onNote: (note: SaveNote | undefined) => void;
  onSaved: () => void;
  /** Called with the form as it stands, unsaved, whenever it changes (the page's preview shows it). */
  onChange?: (form: SurveyForm) => void;
}

const PLACEMENTS = ['bottom-right', 'center', 'inline'] as const;

/** The tunable fields of one survey, saved together; what equals the config file keeps following the file. */
export function SurveySettingsForm({ api, entry, onNote, onSaved, onChange }: SurveySettingsFormProps) {
  const { file, survey } = entry;
  const [form, setForm] = useState<SurveyForm>(() => formOf(survey));
  const [saving, save] = useSave(onNote);
  useEffect(() => {
    onChange?.(form);
  }, [form]);
  const set = (changes: Partial<SurveyForm>) => setForm((previous) => ({ ...previous, ...changes }));
  const setFollowUp = (key: keyof SurveyForm['followUp'], text: string) => setForm((previous) => ({ ...previous, followUp: { ...previous.followUp, [key]: text } }));
  const setReason = (index: number, changes: Partial<SurveyForm['reasons'][number]>) =>
    setForm((previous) => ({ ...previous, reasons: previous.reasons.map((reason, at) => (at === index ? { ...reason, ...changes } : reason)) }));
  const id = (field: string) => `survey-${field}`;

  // Based on the settings this form shows: a change saved by someone else meanwhile is refused, not overwritten.
  const send = (settings: object, done: string) =>
    save(async () => {
      await api.put<{ change: SettingsChangeView }>(`/v1/surveys/${encodeURIComponent(entry.id)}/settings`, settings, entry.change?.version ?? 0);
      onSaved();
      return done;
    });

  return (
    <form
      class="triage-form survey-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send(settingsOf(form, file), 'Saved. Every collector serves it within a few seconds.');
      }}
    >
      <label class="check">
        <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.currentTarget.checked })} />
        <span>Offered to people (active)</span>
      </label>
      <fieldset>
        <legend>Wording</legend>
        <label>
          <span>Question</span>
          <input id={id('question')} value={form.question} maxLength={300} aria-describedby={id('question-hint')} onInput={(e) => set({ question: e.currentTarget.value })} />
        </label>
        <p id={id('question-hint')} class="hint">
          Empty: {file.question ? `the config file's "${file.question}"` : 'the built-in wording'}.
        </p>
        {survey.kind === 'nps' &&
          (['detractor', 'passive', 'promoter'] as const).map((category) => (
            <label key={category}>
              <span>Follow-up for {category}s</span>
              <input value={form.followUp[category]} maxLength={300} onInput={(e) => setFollowUp(category, e.currentTarget.value)} />
            </label>
          ))}
        {survey.kind === 'csat' && (
          <label>
            <span>Follow-up</span>
            <input value={form.followUp.single} maxLength={300} onInput={(e) => setFollowUp('single', e.currentTarget.value)} />
          </label>
        )}
      </fieldset>
      {(survey.kind === 'cancel' || survey.kind === 'uninstall') && (
        <fieldset>
          <legend>Reasons</legend>
          <p class="hint">Answers keep the reason's id: change a label freely, an id only for a new reason.</p>
          {form.reasons.map((reason, index) => (
            <div class="reason-row" key={index}>
              <label>
                <span>Id of reason {index + 1}</span>
                <input value={reason.id} pattern="[a-z0-9][a-z0-9\-]{0,63}" onInput={(e) => setReason(index, { id: e.currentTarget.value })} />
              </label>
              <label>
                <span>Label of reason {index + 1}</span>
                <input value={reason.label} maxLength={200} onInput={(e) => setReason(index, { label: e.currentTarget.value })} />
              </label>
              <button type="button" class="quiet" disabled={form.reasons.length <= 1} onClick={() => set({ reasons: form.reasons.filter((_, at) => at !== index) })}>
                Remove reason {index + 1}
              </button>
            </div>
          ))}
          <button type="button" class="quiet" onClick={() => set({ reasons: [...form.reasons, { id: '', label: '' }] })}>
            Add a reason
          </button>
        </fieldset>
      )}
      {targeted(survey) && (
        <fieldset>
          <legend>Targeting</legend>
          <label>
            <span>Events</span>
            <input value={form.events} aria-describedby={id('events-hint')} onInput={(e) => set({ events: e.currentTarget.value })} />
          </label>
          <p id={id('events-hint')} class="hint">
            Separated by commas; shown when heed.track() names one. None: shown on page load.
          </p>
          <label>
            <span>Delay after the trigger (ms)</span>
            <input type="number" min={0} max={600000} step={1} value={form.delayMs} onInput={(e) => set({ delayMs: e.currentTarget.value })} />
          </label>
          <label>
            <span>Sample rate (0 to 1)</span>
            <input type="number" min={0} max={1} step={0.01} value={form.sampleRate} onInput={(e) => set({ sampleRate: e.currentTarget.value })} />
          </label>
          <label>
            <span>Ask the same person again after (days)</span>
            <input type="number" min={0} max={3650} step={1} value={form.recontactDays} onInput={(e) => set({ recontactDays: e.currentTarget.value })} />
          </label>
          <label>
            <span>Placement</span>
            <select value={form.placement} onChange={(e) => set({ placement: e.currentTarget.value })}>
              {PLACEMENTS.map((placement) => (
                <option key={placement} value={placement}>
                  {placement}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}
      <div class="actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save survey'}
        </button>
        <button
          type="button"
          class="quiet"
          disabled={saving || entry.source === 'file'}
          onClick={() => {
            setForm(formOf(file));
            void send({}, 'Back to the config file. Every collector serves it within a few seconds.');
          }}
        >
          Back to the config file
        </button>
      </div>
    </form>
  );
}
