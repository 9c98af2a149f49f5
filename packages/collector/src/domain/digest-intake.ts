/**
 * The intake part of an owner's weekly digest: how many items from the intake paths (email, Slack, GitHub,
 * cases, staff notes, imports) are the owner's (assigned in triage, or routed to them and not reassigned)
 * and happened in the week, by source: counted in the store, not read item by item (a week of answers is
 * thousands of rows).
 */
import type { FeedbackSource, IntakeSource } from '@heed/shared';
import type { Store } from '../store/store.ts';

export interface DigestIntake {
  total: number;
  /** Source -> items; sources with none are left out. */
  bySource: Partial<Record<IntakeSource, number>>;
}

export async function digestIntake(store: Store, ownerId: string, from: Date, to: Date): Promise<DigestIntake> {
  const counts = await store.items.countBySource({ owner: ownerId, from, to });
  const bySource: Partial<Record<IntakeSource, number>> = {};
  let total = 0;
  for (const [source, count] of Object.entries(counts) as [FeedbackSource, number][]) {
    if (source === 'survey') continue;
    bySource[source] = count;
    total += count;
  }
  return { total, bySource };
}

/** "3 (email 2, case 1)", the busiest source first. */
export function digestIntakeText(intake: DigestIntake): string {
  const parts = Object.entries(intake.bySource)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
    .map(([source, count]) => `${source} ${count}`);
  return parts.length === 0 ? String(intake.total) : `${intake.total} (${parts.join(', ')})`;
}
