/**
 * The escalation cases of the Store contract (store-contract.ts runs them on every adapter): candidates on
 * an index, oldest first; a marker set once with its history entry and alerts; concurrent escalations of
 * one item, of which exactly one writes.
 */
import { describe, expect, it } from 'vitest';
import type { InboxEntry, Store } from './store.ts';
import { at, makeAlert, makeItem, makeResponse } from './store-fixtures.ts';
import type { StoreCapability } from './store-contract.ts';

type Check = (title: string, capabilities: readonly StoreCapability[], body: () => Promise<void>) => void;

const idOf = (entry: InboxEntry) => (entry.source === 'survey' ? entry.response._id : entry.item._id);
const routed = { status: 'routed' as const, owner: 'pm-editor', reason: 'route:0' };

export function escalationCases(store: () => Store, check: Check): void {
  describe('escalations', () => {
    const seed = async () => {
      const s = store();
      // Items arrive a minute after they happened (makeItem): item-1 at 61 s, item-3 at 63 s.
      await s.items.record(makeItem(1), []);
      await s.responses.record(makeResponse(2, { routing: routed, hasComment: true, answers: { score: 2, comment: 'slow' } }), []);
      await s.items.record(makeItem(3), []);
      await s.items.record(makeItem(4, { routing: { status: 'unrouted', reason: 'no-owner' } }), []);
      await s.items.record(makeItem(5, { triage: { status: 'acknowledged', tags: [], history: [] } }), []);
    };

    it('lists routed items still new, received before a time, oldest first, after a position', async () => {
      await seed();
      const ids = async (before: Date, after?: { at: Date; id: string }) => (await store().escalations.awaitingAcknowledgement(before, 10, after)).map(idOf);
      expect(await ids(at(3600))).toEqual(['resp-2', 'item-1', 'item-3']);
      expect(await ids(at(62))).toEqual(['resp-2', 'item-1']);
      expect(await ids(at(3600), { at: at(61), id: 'item-1' })).toEqual(['item-3']);
      expect((await store().escalations.awaitingAcknowledgement(at(3600), 1)).map(idOf)).toEqual(['resp-2']);
    });

    it('escalates an item once, with its history entry and alerts, and lists it among the escalations', async () => {
      await seed();
      const s = store();
      const change = { at: at(900), actor: 'escalation', changes: { escalatedTo: 'pm-billing' } };
      const alert = makeAlert(10, { responseId: 'item-1', ownerId: 'pm-billing' });
      expect(await s.escalations.escalate('item-1', { at: at(900), change, alerts: [alert] })).toBe(true);
      expect(await s.escalations.escalate('item-1', { at: at(901), change, alerts: [makeAlert(11, { responseId: 'item-1', ownerId: 'pm-other' })] })).toBe(false);
      expect((await s.items.get('item-1'))?.triage.history).toEqual([change]);
      expect((await s.alerts.get('alert-10'))?.ownerId).toBe('pm-billing');
      expect(await s.alerts.get('alert-11')).toBeNull();
      expect((await s.escalations.awaitingAcknowledgement(at(3600), 10)).map(idOf)).toEqual(['resp-2', 'item-3']);
      // A survey answer escalates the same way; an acknowledged item does not.
      expect(await s.escalations.escalate('resp-2', { at: at(950), change, alerts: [] })).toBe(true);
      expect((await s.responses.get('resp-2'))?.triage.history).toEqual([change]);
      expect(await s.escalations.escalate('item-5', { at: at(950), change, alerts: [] })).toBe(false);
      expect(await s.escalations.escalate('unknown', { at: at(950), change, alerts: [] })).toBe(false);
      expect((await s.escalations.escalatedBetween(at(0), at(1000), 10)).map(idOf)).toEqual(['resp-2', 'item-1']);
      expect((await s.escalations.escalatedBetween(at(901), at(1000), 10)).map(idOf)).toEqual(['resp-2']);
      // Triage that read the item before the escalation conflicts; one that reads it after applies.
      const item = makeItem(1);
      const ack = { at: at(1000), actor: 'pm', changes: { status: { from: 'new', to: 'acknowledged' } } };
      expect(await s.items.updateTriage('item-1', { expected: item.triage, next: { status: 'acknowledged', tags: [] }, change: ack, alerts: [] })).toBe('conflict');
      const fresh = await s.items.get('item-1');
      const updated = await s.items.updateTriage('item-1', { expected: fresh!.triage, next: { status: 'acknowledged', tags: [] }, change: ack, alerts: [] });
      expect(updated !== 'conflict' && updated?.triage.history).toEqual([change, ack]);
    });

    check('escalates an item once when many escalate it at the same time', ['isolated concurrent updates of one document'], async () => {
      await seed();
      const s = store();
      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          s.escalations.escalate('item-3', {
            at: at(900 + n),
            change: { at: at(900 + n), actor: 'escalation', changes: { escalatedTo: 'pm-billing', n } },
            alerts: [makeAlert(20 + n, { responseId: 'item-3', ownerId: 'pm-billing' })],
          }),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      expect((await s.items.get('item-3'))?.triage.history).toHaveLength(1);
      expect(await s.alerts.page({ responseId: 'item-3' }, 10)).toHaveLength(1);
    });
  });
}
