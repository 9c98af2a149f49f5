/**
 * Paths under `/console/`, in the History API: `usePath()` follows them, `navigate()` moves. The query
 * string holds a view's filters, so a view's URL can be kept and shared: `useSearch()` reads and changes it.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

/** The path below `/console`, e.g. `/triage`; `/` for the overview. */
export function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path === '' ? '/' : path;
}

/** Moves to a console path, which may carry a query string (`/responses?kind=cancel`). */
export function navigate(path: string): void {
  history.pushState(null, '', `${BASE}${path}`);
  dispatchEvent(new PopStateEvent('popstate'));
}

function useLocationValue<T>(read: () => T): T {
  const [value, setValue] = useState(read);
  useEffect(() => {
    const update = () => setValue(read);
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return value;
}

export function usePath(): string {
  return useLocationValue(currentPath);
}

export type SearchChanges = Record<string, string | undefined>;

/**
 * The query string's filters, and a setter that changes some of them in place (an empty or undefined
 * value removes the key). Changes replace the history entry, so Back leaves the view rather than undoing filters.
 */
export function useSearch(): [params: URLSearchParams, change: (changes: SearchChanges) => void] {
  const search = useLocationValue(() => location.search);
  const change = useCallback((changes: SearchChanges) => {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') params.delete(key);
      else params.set(key, value);
    }
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query === '' ? '' : `?${query}`}`);
    dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [new URLSearchParams(search), change];
}
