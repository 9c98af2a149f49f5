import type { Pages } from '../use-pages.ts';

export interface ListEndProps {
  pages: Pick<Pages<unknown>, 'items' | 'loading' | 'error' | 'loadMore'>;
  /** What to say when the list is empty. */
  empty: string;
}

/** What stands below a paginated list: that it is empty, that it is loading, or a button for more. */
export function ListEnd({ pages, empty }: ListEndProps) {
  return (
    <>
      {!pages.loading && pages.items.length === 0 && !pages.error && <p class="empty">{empty}</p>}
      {pages.loading && <p class="loading">Loading…</p>}
      {pages.loadMore && (
        <button type="button" onClick={pages.loadMore}>
          Load more
        </button>
      )}
    </>
  );
}
