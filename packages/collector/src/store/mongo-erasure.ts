/**
 * Erasure of a person on MongoDB: the alerts about their responses that have not gone out go first (so the
 * outbox cannot send a response being erased), then their responses and displays. Report counts stay.
 */
import { native, type MongoContext } from './mongo-context.ts';
import { SURVEY_SOURCE } from './mongo-items.ts';
import type { ErasureCounts } from './store.ts';

export async function eraseRespondent(context: MongoContext, userId: string): Promise<ErasureCounts> {
  const { models } = context;
  const theirs = { source: SURVEY_SOURCE, 'respondent.userId': userId };
  const ids = (await native(models.items).find(theirs, { projection: { _id: 1 } }).toArray()).map(({ _id }) => _id);
  const alerts = ids.length === 0 ? 0 : (await native(models.alerts).deleteMany({ responseId: { $in: ids }, status: 'pending' })).deletedCount;
  const responses = (await native(models.items).deleteMany(theirs)).deletedCount;
  const displays = (await native(models.displays).deleteMany({ userId })).deletedCount;
  return { responses, displays, alerts };
}
