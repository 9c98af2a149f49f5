/**
 * A cursor-paginated admin list (`{items, nextCursor}`): the first page whenever the query changes, more on
 * demand. Answers to a query that has since changed are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Api, Query } from './api.ts';
import type { Page } from './types.ts';

export interface Pages<T> {
  items: T[];
  loading: boolean;
  error: Error | undefined;
  /** Loads the next page; `undefined` when there is none. */
  loadMore: (() => void) | undefined;
  /** Swaps an item for a newer copy of it (same id). */
  replace: (item: T) => void;
}

const byId = (item: unknown) => (item as { id: string }).id;

/** `reload`: a new value loads the first page again; `idOf`: what tells items apart (default: their `id`). */
export function usePages<T>(api: Api, path: string, query: Query, reload = 0, idOf: (item: T) => string = byId): Pages<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>(undefined);
  const generation = useRef(0);
  const key = JSON.stringify(query);

  const load = useCallback(
    (cursor: string | undefined, ofGeneration: number) => {
      setLoading(true);
      api.get<Page<T>>(path, { ...query, cursor }).then(
        (page) => {
          if (ofGeneration !== generation.current) return;
          setItems((previous) => (cursor === undefined ? page.items : [...previous, ...page.items]));
          setNextCursor(page.nextCursor);
          setError(undefined);
          setLoading(false);
        },
        (failure: Error) => {
          if (ofGeneration !== generation.current) return;
          setError(failure);
          setLoading(false);
        },
      );
    },
    [api, path, key, reload], // `key` stands for `query`
  );

  useEffect(() => {
    generation.current += 1;
    setItems([]);
    setNextCursor(null);
    load(undefined, generation.current);
  }, [load]);

  const replace = useCallback((item: T) => setItems((previous) => previous.map((old) => (idOf(old) === idOf(item) ? item : old))), [idOf]);
  const loadMore = nextCursor && !loading ? () => load(nextCursor, generation.current) : undefined;
  return { items, loading, error, loadMore, replace };
}
