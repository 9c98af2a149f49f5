/**
 * Full-text search over items (`items_text`, FTS5): what a person types becomes a query of quoted terms,
 * all of which must occur, the last one as a prefix, so no operator syntax leaks from the search box.
 * Control characters separate terms too: FTS5 reads its query as a C string, so a NUL would end it inside
 * a quoted term.
 */

/** The FTS5 query for `text`, or `null` when it holds no term. */
export function ftsQuery(text: string): string | null {
  const terms = text.split(/[\s"\p{Cc}]+/u).filter((term) => term.length > 0);
  if (terms.length === 0) return null;
  return terms.map((term, index) => `"${term}"${index === terms.length - 1 ? '*' : ''}`).join(' ');
}

/** The condition on `items` for a search, with its parameter (`0` matches nothing when there is no term). */
export function searchCondition(text: string): { sql: string; params: string[] } {
  const query = ftsQuery(text);
  if (query === null) return { sql: '1', params: [] };
  return { sql: 'rowid IN (SELECT rowid FROM items_text WHERE items_text MATCH ?)', params: [query] };
}
