/** Loads data when its inputs change: `{ data, error, loading }`, dropping answers that a newer load superseded. */
import { useEffect, useState } from 'preact/hooks';

export interface Load<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): Load<T> {
  const [state, setState] = useState<Load<T>>({ data: undefined, error: undefined, loading: true });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: Error) => current && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, inputs); // the caller names what `load` depends on
  return state;
}
