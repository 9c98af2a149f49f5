/**
 * The intake item cases of the Store contract (store-contract.ts runs them on every adapter): an item stored
 * once per original, kept apart from survey answers where each is asked for, revised by a later delivery,
 * paged in one inbox with the answers, and triaged only from the triage the caller read.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { at, makeAlert, makeItem, makeResponse } from './store-fixtures.ts';

export function itemCases(store: () => Store): void {
  describe('items from intake paths', () => {
    it('records an item and returns it whole; the same original again stores nothing', async () => {
      const item = makeItem(1, { details: { caseType: 'Question' } });
      expect(await store().items.record(item, [makeAlert(1, { responseId: 'item-1' })])).toEqual({ id: 'item-1', duplicate: false });
      const stored = await store().items.get('item-1');
      expect(stored).toEqual(item);
      expect(stored?.occurredAt).toBeInstanceOf(Date);
      expect(await store().items.bySource('email', item.sourceId)).toEqual(item);
      expect(await store().items.bySource('slack', item.sourceId)).toBeNull();
      const again = makeItem(2, { sourceId: item.sourceId });
      expect(await store().items.record(again, [makeAlert(2, { responseId: 'item-2' })])).toEqual({ id: 'item-1', duplicate: true });
      expect(await store().items.get('item-2')).toBeNull();
      expect(await store().alerts.get('alert-2')).toBeNull();
      expect((await store().alerts.get('alert-1'))?.responseId).toBe('item-1');
      // The same source id from another source is another original.
      expect(await store().items.record(makeItem(3, { source: 'slack', sourceId: item.sourceId }), [])).toEqual({ id: 'item-3', duplicate: false });
    });

    it('keeps items and survey answers apart where each is asked for', async () => {
      await store().responses.record(makeResponse(1), []);
      await store().items.record(makeItem(2), []);
      expect(await store().responses.get('item-2')).toBeNull();
      expect(await store().items.get('resp-1')).toBeNull();
      expect((await store().responses.page({}, 10)).map((response) => response._id)).toEqual(['resp-1']);
      expect(await store().responses.count({})).toBe(1);
    });

    it('revises an item from a later delivery of its original', async () => {
      await store().items.record(makeItem(1, { details: { state: 'open' } }), []);
      const revised = await store().items.revise('email', makeItem(1).sourceId, { title: 'Renamed', details: { state: 'closed', labels: 'feedback' } });
      expect(revised).toEqual(makeItem(1, { title: 'Renamed', details: { state: 'closed', labels: 'feedback' } }));
      expect(await store().items.get('item-1')).toEqual(revised);
      expect((await store().items.page({ search: 'renamed' }, 10)).length).toBe(1);
      expect(await store().items.page({ search: 'Feedback' }, 10)).toEqual([]);
      expect(await store().items.revise('email', 'unknown', { title: 'x' })).toBeNull();
    });

    it('pages one inbox over every source, newest first by when it happened, with filters', async () => {
      await store().responses.record(makeResponse(1, { answers: { score: 2, comment: 'slow editor' }, hasComment: true, routing: { status: 'routed', owner: 'pm-editor', reason: 'route:0' } }), []);
      await store().items.record(makeItem(2, { source: 'slack', sourceId: 's-2', text: 'Wants SSO', feedbackType: 'product' }), []);
      await store().items.record(makeItem(3, { source: 'case', sourceId: 'c-3', feedbackType: 'case-logic', customer: { plan: 'saas', region: 'amer' } }), []);
      await store().items.record(makeItem(4, { routing: { status: 'unrouted', reason: 'no-owner' }, occurredAt: at(0) }), []);
      const entries = await store().items.page({}, 10);
      const ids = entries.map((entry) => (entry.source === 'survey' ? entry.response._id : entry.item._id));
      expect(ids).toEqual(['item-3', 'item-2', 'resp-1', 'item-4']);
      expect(entries[2]).toEqual({ source: 'survey', response: await store().responses.get('resp-1') });
      const pick = async (filter: Parameters<Store['items']['page']>[0], after?: Parameters<Store['items']['page']>[2]) =>
        (await store().items.page(filter, 10, after)).map((entry) => (entry.source === 'survey' ? entry.response._id : entry.item._id));
      expect(await pick({ source: 'case' })).toEqual(['item-3']);
      expect(await pick({ source: 'survey' })).toEqual(['resp-1']);
      expect(await pick({ feedbackType: 'product' })).toEqual(['item-2', 'item-4']);
      expect(await pick({ region: 'amer' })).toEqual(['item-3']);
      expect(await pick({ plan: 'self-managed' })).toEqual(['item-2', 'item-4']);
      expect(await pick({ owner: 'pm-editor' })).toEqual(['item-3', 'item-2', 'resp-1']);
      expect(await pick({ search: 'sso' })).toEqual(['item-2']);
      expect(await pick({ search: 'editor' })).toEqual(['resp-1']);
      expect(await pick({ from: at(1), to: at(3) })).toEqual(['item-2', 'resp-1']);
      expect(await pick({}, { at: at(2), id: 'item-2' })).toEqual(['resp-1', 'item-4']);
      const streamed: string[] = [];
      for await (const entry of store().items.stream({ status: ['new'] })) streamed.push(entry.source === 'survey' ? entry.response._id : entry.item._id);
      expect(streamed).toEqual(ids);
      expect(await store().items.countBySource({})).toEqual({ survey: 1, slack: 1, case: 1, email: 1 });
      expect(await store().items.countBySource({ owner: 'pm-editor', from: at(1) })).toEqual({ survey: 1, slack: 1, case: 1 });
      expect(await store().items.countBySource({ source: 'case' })).toEqual({ case: 1 });
      expect(await store().items.countBySource({ region: 'nowhere' })).toEqual({});
    });

    it('updates an item\'s triage only from the triage the caller read', async () => {
      const item = makeItem(1);
      await store().items.record(item, []);
      const change = { at: at(60), actor: 'pm', changes: { status: { from: 'new', to: 'acknowledged' } } };
      const updated = await store().items.updateTriage('item-1', { expected: item.triage, next: { status: 'acknowledged', owner: 'pm-billing', tags: ['sso'] }, change, alerts: [] });
      expect(updated !== 'conflict' && updated?.triage).toEqual({ status: 'acknowledged', owner: 'pm-billing', tags: ['sso'], history: [change] });
      expect(await store().items.updateTriage('item-1', { expected: item.triage, next: { status: 'closed', tags: [] }, change, alerts: [] })).toBe('conflict');
      const pickOwner = async (owner: string) => (await store().items.page({ owner }, 10)).length;
      expect(await pickOwner('pm-billing')).toBe(1);
      expect(await pickOwner('pm-editor')).toBe(0);
      expect(await store().items.updateTriage('resp-1', { expected: item.triage, next: { status: 'closed', tags: [] }, change, alerts: [] })).toBeNull();
    });
  });
}
