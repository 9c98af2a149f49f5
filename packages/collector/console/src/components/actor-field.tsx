import { useState } from 'preact/hooks';
import { MAX_ACTOR_LENGTH, useActor } from '../use-actor.ts';

/** "Changes are recorded as …": the name kept with each triage change, typed once and remembered in this browser. */
export function ActorField() {
  const [actor, saveActor] = useActor();
  const [draft, setDraft] = useState(actor ?? '');
  const [editing, setEditing] = useState(!actor);
  if (actor && !editing) {
    return (
      <p class="actor hint" data-testid="actor">
        Changes are recorded as <strong>{actor}</strong>.{' '}
        <button type="button" class="quiet" onClick={() => setEditing(true)}>
          Change name
        </button>
      </p>
    );
  }
  return (
    <form
      class="inline-form actor"
      onSubmit={(event) => {
        event.preventDefault();
        saveActor(draft);
        setEditing(false);
      }}
    >
      <label>
        <span>Your name</span>
        <input value={draft} maxLength={MAX_ACTOR_LENGTH} autoComplete="name" aria-describedby="actor-hint" onInput={(e) => setDraft(e.currentTarget.value)} />
      </label>
      <button type="submit" class="quiet">
        Remember
      </button>
      <p id="actor-hint" class="hint">
        Kept with each change in the history (else "admin"); remembered in this browser.
      </p>
    </form>
  );
}
