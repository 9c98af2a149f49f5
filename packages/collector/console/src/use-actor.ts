/**
 * The name this console's user gives, remembered in this browser (localStorage) and sent with every change
 * (`X-Heed-Actor`), so triage history says who did it rather than "admin". It names; the token authorises.
 */
import { useCallback, useState } from 'preact/hooks';

const KEY = 'heed.actor';
/** As the collector caps it. */
export const MAX_ACTOR_LENGTH = 80;

export function readActor(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function useActor(): [actor: string | null, save: (actor: string | null) => void] {
  const [actor, setActor] = useState(readActor);
  const save = useCallback((value: string | null) => {
    const name = value?.trim().slice(0, MAX_ACTOR_LENGTH) || null;
    if (name) localStorage.setItem(KEY, name);
    else localStorage.removeItem(KEY);
    setActor(name);
  }, []);
  return [actor, save];
}
