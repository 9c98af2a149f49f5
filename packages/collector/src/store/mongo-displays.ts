/**
 * Displays on MongoDB. `seenBy` runs on every page view of an identified person: it reads that person's
 * `shown` displays on the (project, user id | anonymous id, event, at) indexes and keeps the latest per
 * survey in TypeScript (a person is shown few surveys; no `$group` needed). Each display adds to its day
 * counter: in the same transaction where there is one, else right after it is stored (a crash in between
 * leaves that one display uncounted: counts are rates, and a display is not worth a claim).
 */
import { countDisplay } from './mongo-counters.ts';
import { inTransaction, isDuplicateKey, native, storable, type MongoContext } from './mongo-context.ts';
import type { DisplayRepository, SeenRecord } from './store.ts';

export function mongoDisplays(context: MongoContext): DisplayRepository {
  const displays = native(context.models.displays);
  return {
    async record(display) {
      const doc = storable(context.models.displays, display);
      try {
        if (context.transactions) {
          await inTransaction(context, async (session) => {
            await displays.insertOne(doc, { session });
            await countDisplay(context, display, session);
          });
        } else {
          await displays.insertOne(doc);
          await countDisplay(context, display);
        }
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
      return true;
    },
    async seenBy(projectKey, { userId, anonymousId }) {
      const people = [...(userId ? [{ userId }] : []), ...(anonymousId ? [{ anonymousId }] : [])];
      const seen: SeenRecord = { lastShownAt: {}, lastAnyShownAt: null };
      if (people.length === 0) return seen;
      const shown = displays.find(
        { $or: people.map((person) => ({ projectKey, ...person, event: 'shown' })) },
        { projection: { _id: 0, surveyId: 1, at: 1 } },
      );
      for await (const { surveyId, at } of shown) {
        const known = seen.lastShownAt[surveyId as string];
        if (!known || known < at) seen.lastShownAt[surveyId as string] = at as Date;
        if (!seen.lastAnyShownAt || seen.lastAnyShownAt < at) seen.lastAnyShownAt = at as Date;
      }
      return seen;
    },
  };
}
