/** "Mine": the owner id the viewer answers to, remembered in this browser (localStorage), so `owner=mine` in a URL means the reader's own items. */
import { useCallback, useState } from 'preact/hooks';

const KEY = 'heed.myOwnerId';

export function useMyOwner(): [owner: string | null, save: (owner: string | null) => void] {
  const [owner, setOwner] = useState(() => localStorage.getItem(KEY));
  const save = useCallback((value: string | null) => {
    if (value) localStorage.setItem(KEY, value);
    else localStorage.removeItem(KEY);
    setOwner(value);
  }, []);
  return [owner, save];
}
