/**
 * Erasure of one person (`DELETE /v1/respondents/:userId`): their responses, their displays, and the alerts
 * about their responses that have not gone out yet; report counts stay, anonymous. The store does it in one
 * go; an alert already in flight finds its response gone and fails.
 */
import type { ErasureCounts, Store } from '../store/store.ts';

export type { ErasureCounts };

export function eraseRespondent(deps: { store: Store }, userId: string): Promise<ErasureCounts> {
  return deps.store.eraseRespondent(userId);
}
