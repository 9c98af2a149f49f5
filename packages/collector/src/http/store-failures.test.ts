import { describe, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { reportStoreFailures } from './store-failures.ts';
import { errors } from '../errors.ts';

function failingStore(error: Error): Store {
  const responses = {
    page: async () => Promise.reject(error),
    count: async () => 3,
    get: () => {
      throw error;
    },
    async *stream() {
      yield { _id: 'r1' };
      throw error;
    },
  };
  return {
    engine: 'sqlite',
    responses: responses as never,
    displays: { seenBy: async () => Promise.reject(error) } as never,
    alerts: { page: async () => Promise.reject(error) } as never,
    leases: {} as never,
    reports: {} as never,
    items: {} as never,
    escalations: {} as never,
    settings: {} as never,
    issues: { list: async () => Promise.reject(error) } as never,
    contacts: {} as never,
    eraseRespondent: async () => Promise.reject(error),
    ping: async () => Promise.reject(error),
    close: async () => undefined,
  };
}

describe('reportStoreFailures', () => {
  it('turns any failure of a store operation into 503 HEED_ERR_STORE_UNAVAILABLE, keeping the cause', async () => {
    const cause = new Error('connection refused');
    const store = reportStoreFailures(failingStore(cause));
    const unavailable = { code: 'HEED_ERR_STORE_UNAVAILABLE', statusCode: 503, cause };
    await expect(store.responses.page({}, 10)).rejects.toMatchObject(unavailable);
    await expect(store.responses.get('r1')).rejects.toMatchObject(unavailable);
    await expect(store.displays.seenBy('pk', { userId: 'u' })).rejects.toMatchObject(unavailable);
    await expect(store.eraseRespondent('u')).rejects.toMatchObject(unavailable);
    await expect(store.ping()).rejects.toMatchObject(unavailable);
    expect(await store.responses.count({})).toBe(3);
    expect(store.responses.count).toBe(store.responses.count);
  });

  it('turns a failure while reading a stream into the same error', async () => {
    const cause = new Error('disk I/O error');
    const read: unknown[] = [];
    const reading = (async () => {
      for await (const doc of reportStoreFailures(failingStore(cause)).responses.stream({})) read.push(doc);
    })();
    await expect(reading).rejects.toMatchObject({ code: 'HEED_ERR_STORE_UNAVAILABLE', cause });
    expect(read).toEqual([{ _id: 'r1' }]);
  });

  it('passes coded errors through unchanged', async () => {
    const coded = errors.badCursor();
    await expect(reportStoreFailures(failingStore(coded)).alerts.page({}, 1)).rejects.toBe(coded);
  });
});
