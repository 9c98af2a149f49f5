import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { reportStoreFailures } from './store-failures.ts';
import { errors } from '../errors.ts';

function failingStore(error: Error): Store {
  const collection = { find: async () => Promise.reject(error), count: async () => 3 };
  return {
    engine: 'embedded',
    collection: () => collection as never,
    ping: async () => Promise.reject(error),
    close: async () => undefined,
  };
}

describe('reportStoreFailures', () => {
  it('turns any failure of a store operation into 503 HEED_ERR_STORE_UNAVAILABLE, keeping the cause', async () => {
    const cause = new Error('connection refused');
    const store = reportStoreFailures(failingStore(cause));
    await expect(store.collection('responses').find({})).rejects.toMatchObject({ code: 'HEED_ERR_STORE_UNAVAILABLE', statusCode: 503, cause });
    await expect(store.ping()).rejects.toMatchObject({ code: 'HEED_ERR_STORE_UNAVAILABLE', cause });
    expect(await store.collection('responses').count({})).toBe(3);
    expect(store.collection('responses')).toBe(store.collection('responses'));
  });

  it('passes coded errors through unchanged', async () => {
    const coded = errors.badCursor();
    await expect(reportStoreFailures(failingStore(coded)).collection('alerts').find({})).rejects.toBe(coded);
  });
});
