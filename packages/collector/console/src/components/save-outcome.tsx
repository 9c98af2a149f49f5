import type { SaveNote } from '../use-save.ts';

export interface SaveOutcomeProps {
  note: SaveNote | undefined;
}

/**
 * What a save came to, below a form that a save remounts: the page renders it, so it outlives the form.
 * Success in a status region (always there, so it is announced), a failure as an alert.
 */
export function SaveOutcome({ note }: SaveOutcomeProps) {
  return (
    <>
      <p class="hint" role="status">
        {note && !note.error ? note.text : ''}
      </p>
      {note?.error && (
        <p class="error" role="alert">
          {note.text}
        </p>
      )}
    </>
  );
}
