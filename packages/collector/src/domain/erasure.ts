/**
 * Erasure of one person (`DELETE /v1/respondents/:userId`): their responses, their displays, and the alerts
 * about their responses that have not gone out yet. Rollups keep their anonymous counts. Pending alerts go
 * first, so the outbox cannot send a response that is being erased; an alert already in flight finds its
 * response gone and fails.
 */
import type { Store } from '../store/store.ts';

export interface ErasureCounts {
  responses: number;
  displays: number;
  alerts: number;
}

export async function eraseRespondent(deps: { store: Store }, userId: string): Promise<ErasureCounts> {
  const { store } = deps;
  const theirs = await store.collection('responses').find({ 'respondent.userId': userId });
  const ids = theirs.map((response) => response._id);
  const alerts = ids.length === 0 ? { deleted: 0 } : await store.collection('alerts').deleteMany({ responseId: { $in: ids }, status: 'pending' });
  const responses = await store.collection('responses').deleteMany({ 'respondent.userId': userId });
  const displays = await store.collection('displays').deleteMany({ userId });
  return { responses: responses.deleted, displays: displays.deleted, alerts: alerts.deleted };
}
