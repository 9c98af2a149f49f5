/**
 * A save (or a send) and what to tell the person about it: busy while it runs, then its own words on
 * success, or "Not saved: …" (or another verb) with the reason on failure.
 */
import { useState } from 'preact/hooks';

/** The outcome of a save, to show in a live region. */
export interface SaveNote {
  error: boolean;
  text: string;
}

/**
 * `[busy, run]`: `run(action)` clears the note, runs `action` and tells `onNote` the text it returns, or
 * `${failed}: ${message}` when it throws. `onNote` may be the page's, so that the note outlives a form
 * that a save remounts.
 */
export function useSave(onNote: (note: SaveNote | undefined) => void, failed = 'Not saved'): [boolean, (action: () => Promise<string>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<string>) {
    setBusy(true);
    onNote(undefined);
    try {
      onNote({ error: false, text: await action() });
    } catch (failure) {
      onNote({ error: true, text: `${failed}: ${(failure as Error).message}` });
    } finally {
      setBusy(false);
    }
  }
  return [busy, run];
}
