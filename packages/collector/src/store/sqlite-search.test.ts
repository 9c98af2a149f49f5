import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ftsQuery } from './sqlite-search.ts';
import { openSqliteStore } from './sqlite-store.ts';

describe('the search box as an FTS5 query', () => {
  it('quotes each term, the last as a prefix, and keeps no operator', () => {
    expect(ftsQuery('slow "export" OR crash')).toBe('"slow" "export" "OR" "crash"*');
    expect(ftsQuery('  ')).toBeNull();
  });

  it('takes control characters, NUL included, as separators', () => {
    expect(ftsQuery('a\u0000b\u001c')).toBe('"a" "b"*');
    expect(ftsQuery('\u0000\u0004')).toBeNull();
  });

  it('answers a search holding a NUL on a real store instead of failing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'heed-search-'));
    const store = await openSqliteStore({ dataDir });
    try {
      await expect(store.items.page({ search: '\u00a5\u0000\u001c\u0004x' }, 10)).resolves.toEqual([]);
      await expect(store.responses.page({ search: 'a\u0000b' }, 10)).resolves.toEqual([]);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
