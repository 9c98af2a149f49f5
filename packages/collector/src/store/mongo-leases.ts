/**
 * Named leases on MongoDB: taken by an upsert matching only a free lease (`until <= now`). When a live lease
 * exists the upsert tries to insert its `_id` again and the unique index refuses it: not acquired.
 */
import { isDuplicateKey, native, type MongoContext } from './mongo-context.ts';
import type { LeaseRepository } from './store.ts';

export function mongoLeases(context: MongoContext): LeaseRepository {
  const leases = native(context.models.leases);
  return {
    async acquire(name, holder, now, until) {
      try {
        await leases.updateOne({ _id: name as never, until: { $lte: now } }, { $set: { holder, until } }, { upsert: true });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async extend(name, holder, until) {
      return (await leases.updateOne({ _id: name as never, holder }, { $set: { until } })).matchedCount > 0;
    },
  };
}
