/**
 * A store as the HTTP layer uses it: any failure of a store operation, and of reading a stream it answered,
 * becomes a 503 HEED_ERR_STORE_UNAVAILABLE (the original error kept as `cause`, for the log), so a database
 * outage is answered as one, never as a 500 with internals. Coded errors pass through unchanged.
 */
import { errors, isHeedError } from '../errors.ts';
import type { Store } from '../store/store.ts';

function asUnavailable(cause: unknown): unknown {
  return isHeedError(cause) ? cause : errors.storeUnavailable({ cause });
}

function unavailable(cause: unknown): never {
  throw asUnavailable(cause);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

async function* guardedStream<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (cause) {
    unavailable(cause);
  }
}

/** The repository with each operation guarded: rejections, throws and stream errors become 503s. */
function guarded<R extends object>(repository: R): R {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = methods.get(property);
      if (!method) {
        method = (...args: unknown[]) => {
          let result: unknown;
          try {
            result = value.apply(target, args);
          } catch (cause) {
            return Promise.reject(asUnavailable(cause));
          }
          if (result instanceof Promise) return result.catch(unavailable);
          if (isAsyncIterable(result)) return guardedStream(result);
          return result;
        };
        methods.set(property, method);
      }
      return method;
    },
  });
}

export function reportStoreFailures(store: Store): Store {
  return {
    engine: store.engine,
    responses: guarded(store.responses),
    displays: guarded(store.displays),
    alerts: guarded(store.alerts),
    leases: guarded(store.leases),
    reports: guarded(store.reports),
    items: guarded(store.items),
    escalations: guarded(store.escalations),
    settings: guarded(store.settings),
    issues: guarded(store.issues),
    contacts: guarded(store.contacts),
    eraseRespondent: (userId) => store.eraseRespondent(userId).catch(unavailable),
    ping: () => store.ping().catch(unavailable),
    close: () => store.close(),
  };
}
