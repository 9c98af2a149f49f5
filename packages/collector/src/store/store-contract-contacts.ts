/**
 * The contact cases of the Store contract (store-contract.ts runs them on every adapter): an item's customer
 * told once, only with a consenting contact that was never erased; a mark undone when the message could not
 * be sent; erasure by email in any case, from contacts and reporters, wherever the address is written;
 * concurrent tellings of which one marks.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { at, makeItem, makeResponse } from './store-fixtures.ts';
import type { StoreCapability } from './store-contract.ts';

type Check = (title: string, capabilities: readonly StoreCapability[], body: () => Promise<void>) => void;

const told = (seconds: number) => ({ at: at(seconds), actor: 'pm', changes: { toldThem: { to: 'jane@globex.example' } } });
const consenting = (n: number, email = 'jane@globex.example') => makeItem(n, { customer: { accountId: 'acc-1', contactEmail: email, mayContact: true } });

export function contactCases(store: () => Store, check: Check): void {
  describe('contacts', () => {
    it("tells an item's consenting contact once, and undoes a mark whose message was not sent", async () => {
      const { items, contacts, responses } = store();
      await items.record(consenting(1), []);
      await items.record(makeItem(2, { customer: { contactEmail: 'joe@initech.example' } }), []);
      await items.record(makeItem(3), []);
      await responses.record(makeResponse(4), []);

      expect(await contacts.toldAt('item-1')).toBeNull();
      expect(await contacts.markTold('item-1', at(10), told(10))).toBe('marked');
      expect(await contacts.markTold('item-1', at(11), told(11))).toBe('told');
      expect(await contacts.toldAt('item-1')).toEqual(at(10));
      expect((await items.get('item-1'))?.triage.history).toEqual([told(10)]);
      expect(await contacts.markTold('item-2', at(10), told(10))).toBe('no-consent');
      expect(await contacts.markTold('item-3', at(10), told(10))).toBe('no-contact');
      expect(await contacts.markTold('resp-4', at(10), told(10))).toBeNull();
      expect(await contacts.markTold('unknown', at(10), told(10))).toBeNull();

      const failed = { at: at(12), actor: 'pm', changes: { toldThem: { failed: 'mailbox unavailable' } } };
      expect(await contacts.unmarkTold('item-1', failed)).toBe(true);
      expect(await contacts.unmarkTold('item-1', failed)).toBe(false);
      expect(await contacts.toldAt('item-1')).toBeNull();
      expect((await items.get('item-1'))?.triage.history).toEqual([told(10), failed]);
      expect(await contacts.markTold('item-1', at(20), told(20))).toBe('marked');
    });

    it('erases a contact by email, in any case, from every item holding it, and never tells it again', async () => {
      const { items, contacts } = store();
      await items.record(consenting(1), []);
      await items.record(consenting(2, 'Jane@Globex.example'), []);
      await items.record(consenting(3, 'joe@initech.example'), []);
      const change = { at: at(30), actor: 'admin', changes: { contact: 'erased' } };

      expect(await contacts.isErased('jane@globex.example')).toBe(false);
      expect(await contacts.erase('JANE@globex.example', at(30), change)).toBe(2);
      expect(await contacts.isErased('jane@globex.example')).toBe(true);
      for (const id of ['item-1', 'item-2']) {
        const item = await items.get(id);
        expect(item?.customer).toEqual({ accountId: 'acc-1' });
        expect(item?.triage.history).toEqual([change]);
      }
      expect(await contacts.markTold('item-1', at(40), told(40))).toBe('no-contact');
      expect((await items.get('item-3'))?.customer.contactEmail).toBe('joe@initech.example');
      // The same address on feedback that arrives later is refused too.
      await items.record(consenting(5), []);
      expect(await contacts.markTold('item-5', at(50), told(50))).toBe('erased');
      expect(await contacts.erase('nobody@example.com', at(60), change)).toBe(0);
    });

    it('erases an address from the items its person reported or wrote, wherever it is written, and keeps the feedback', async () => {
      const { items, contacts } = store();
      const searchIds = async (search: string) => (await items.page({ search }, 10)).map((entry) => (entry.source === 'survey' ? entry.response._id : entry.item._id));
      // Forwarded by Jane: she is the reporter; the customer and the text are someone else's.
      await items.record(makeItem(1, { reporter: { name: 'Jane Roe', email: 'Jane.Roe@Globex.example' }, details: { forwardedBy: 'jane.roe@globex.example', note: 'FYI' } }), []);
      // Written by Jane: her address as the contact, in the details, a link, the title and her signature.
      await items.record(
        makeItem(2, {
          title: 'Export from jane.roe@globex.example',
          text: 'The PDF export fails.\n-- \nJane, JANE.ROE@globex.example.',
          customer: { accountId: 'acc-1', contactEmail: 'jane.roe@globex.example', mayContact: true },
          details: { from: 'Jane Roe <jane.roe@globex.example>', to: 'feedback@heed.example' },
          links: [
            { rel: 'message', url: 'https://mail.example.com/2' },
            { rel: 'contact', url: 'https://crm.example.com/people/jane.roe@globex.example' },
          ],
        }),
        [],
      );
      // Only naming her, in someone else's feedback: not hers to erase.
      await items.record(makeItem(3, { text: 'Ask jane.roe@globex.example about it' }), []);
      expect(await searchIds('roe')).toEqual(['item-3', 'item-2']);
      const change = { at: at(30), actor: 'admin', changes: { contact: 'erased' } };

      expect(await contacts.erase('jane.roe@globex.example', at(30), change)).toBe(2);
      const reported = await items.get('item-1');
      expect(reported?.reporter).toBeUndefined();
      expect(reported?.details).toEqual({ note: 'FYI' });
      expect(reported?.text).toBe('Item number 1');
      expect(reported?.triage.history).toEqual([change]);
      const written = await items.get('item-2');
      expect(written?.customer).toEqual({ accountId: 'acc-1' });
      expect(written?.reporter).toEqual({ name: 'Sam Seller', email: 'sam@example.com' });
      expect(written?.details).toEqual({ to: 'feedback@heed.example' });
      expect(written?.links).toEqual([{ rel: 'message', url: 'https://mail.example.com/2' }]);
      expect(written?.title).toBe('Export from [erased]');
      expect(written?.text).toBe('The PDF export fails.\n-- \nJane, [erased].');
      expect(written?.triage.history).toEqual([change]);
      // Search reads the rewritten text: the address no longer finds the item, its feedback still does.
      expect(await searchIds('roe')).toEqual(['item-3']);
      expect(await searchIds('PDF export')).toEqual(['item-2']);
      expect((await items.get('item-3'))?.text).toBe('Ask jane.roe@globex.example about it');
      // Erasing again finds nothing left.
      expect(await contacts.erase('jane.roe@globex.example', at(31), change)).toBe(0);
    });

    check('tells once when many tell at the same time', ['isolated concurrent updates of one document'], async () => {
      const { items, contacts } = store();
      await items.record(consenting(1), []);
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, n) => contacts.markTold('item-1', at(10 + n), told(10 + n))));
      expect(outcomes.filter((outcome) => outcome === 'marked')).toHaveLength(1);
      expect((await items.get('item-1'))?.triage.history).toHaveLength(1);
    });
  });
}
