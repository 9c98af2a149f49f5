/**
 * A store as the HTTP layer uses it: any failure of a store operation becomes a 503
 * HEED_ERR_STORE_UNAVAILABLE (the original error kept as `cause`, for the log), so a database outage is
 * answered as one, never as a 500 with internals.
 */
import { errors, isHeedError } from '../errors.ts';
import type { Collection, CollectionName, Collections, Store } from '../store/store.ts';

function unavailable(cause: unknown): never {
  throw isHeedError(cause) ? cause : errors.storeUnavailable({ cause });
}

function guarded<C extends object>(collection: C): C {
  return new Proxy(collection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (cause) {
          unavailable(cause);
        }
      };
    },
  });
}

export function reportStoreFailures(store: Store): Store {
  const collections = new Map<CollectionName, object>();
  return {
    engine: store.engine,
    collection<K extends CollectionName>(name: K): Collection<Collections[K]> {
      let collection = collections.get(name);
      if (!collection) collections.set(name, (collection = guarded(store.collection(name))));
      return collection as Collection<Collections[K]>;
    },
    ping: () => store.ping().catch(unavailable),
    close: () => store.close(),
  };
}
