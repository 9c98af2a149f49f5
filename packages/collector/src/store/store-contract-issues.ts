/**
 * The issue cases of the Store contract (store-contract.ts runs them on every adapter): links from either
 * side, one issue per item, the count of items asking kept with the links, both orders of the list and
 * their pages, and an issue's state and title.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import { at } from './store-fixtures.ts';

const EXPORT = 'https://github.com/acme/app/issues/1';
const SSO = 'https://github.com/acme/app/issues/2';
const DARK = 'https://feedback.example.com/features/dark-mode';

export function issueCases(store: () => Store): void {
  describe('issues', () => {
    it('links items to issues, counts who asks, lists newest or most asked first, and unlinks', async () => {
      const { issues } = store();
      const first = await issues.link({ itemId: 'item-1', url: EXPORT, at: at(10), accountId: 'acc-1', accountName: 'Acme', plan: 'saas' }, 'CSV export');
      expect(first).toEqual({ url: EXPORT, title: 'CSV export', state: 'open', linkedAt: at(10), updatedAt: at(10), asking: 1 });
      await issues.link({ itemId: 'item-2', url: SSO, at: at(20), accountId: 'acc-2' });
      await issues.link({ itemId: 'item-3', url: SSO, at: at(30), plan: 'self-hosted' });
      await issues.link({ itemId: 'item-4', url: DARK, at: at(40) }, 'Dark mode');

      expect((await issues.list('newest', 10)).map((issue) => issue.url)).toEqual([DARK, SSO, EXPORT]);
      expect((await issues.list('asking', 10)).map((issue) => [issue.url, issue.asking])).toEqual([[SSO, 2], [DARK, 1], [EXPORT, 1]]);
      expect((await issues.list('newest', 1)).map((issue) => issue.url)).toEqual([DARK]);
      expect((await issues.byUrl(SSO))?.title).toBeUndefined();
      expect(await issues.byUrl('https://example.com/none')).toBeNull();
      expect(await issues.itemsOf(SSO, 10)).toEqual([
        { itemId: 'item-3', url: SSO, at: at(30), plan: 'self-hosted' },
        { itemId: 'item-2', url: SSO, at: at(20), accountId: 'acc-2' },
      ]);
      expect(await issues.linkOf('item-1')).toEqual({ itemId: 'item-1', url: EXPORT, at: at(10), accountId: 'acc-1', accountName: 'Acme', plan: 'saas' });
      expect(await issues.linkOf('item-9')).toBeNull();

      // An item links to one issue: linking it elsewhere moves it, and the counts follow.
      const moved = await issues.link({ itemId: 'item-1', url: SSO, at: at(50), accountId: 'acc-1' }, 'SSO with Okta');
      expect(moved).toMatchObject({ url: SSO, title: 'SSO with Okta', asking: 3, linkedAt: at(20) });
      expect((await issues.byUrl(EXPORT))?.asking).toBe(0);
      expect((await issues.itemsOf(SSO, 10)).map((link) => link.itemId)).toEqual(['item-1', 'item-3', 'item-2']);
      expect((await issues.itemsOf(SSO, 2)).map((link) => link.itemId)).toEqual(['item-1', 'item-3']);
      // Linking again to the same issue counts it once.
      expect((await issues.link({ itemId: 'item-1', url: SSO, at: at(60) })).asking).toBe(3);

      expect(await issues.unlink('item-3')).toEqual({ itemId: 'item-3', url: SSO, at: at(30), plan: 'self-hosted' });
      expect(await issues.unlink('item-3')).toBeNull();
      expect((await issues.byUrl(SSO))?.asking).toBe(2);
      expect(await issues.itemsOf(EXPORT, 10)).toEqual([]);
    });

    it('pages through both orders after a position, ties broken by time then url, each issue once', async () => {
      const { issues } = store();
      // Seven issues: counts 3, 2, 2, 1, 1, 1, 1; two linked at the same moment.
      const plan: [url: string, linkedAt: number, asking: number][] = [
        ['https://example.com/a', 10, 1],
        ['https://example.com/b', 20, 2],
        ['https://example.com/c', 20, 1],
        ['https://example.com/d', 30, 3],
        ['https://example.com/e', 40, 2],
        ['https://example.com/f', 50, 1],
        ['https://example.com/g', 50, 1],
      ];
      let item = 0;
      for (const [url, linkedAt, asking] of plan) {
        for (let n = 0; n < asking; n += 1) await issues.link({ itemId: `item-${(item += 1)}`, url, at: at(linkedAt + n) });
      }
      const walk = async (sort: 'newest' | 'asking') => {
        const seen: string[] = [];
        let after: Parameters<Store['issues']['list']>[2];
        for (let round = 0; round < 10; round += 1) {
          const page = await issues.list(sort, 3, after);
          seen.push(...page.map((issue) => issue.url.slice(-1)));
          const last = page.at(-1);
          if (page.length < 3 || !last) break;
          after = { at: last.linkedAt, id: last.url, ...(sort === 'asking' && { rank: last.asking }) };
        }
        return seen.join('');
      };
      expect(await walk('newest')).toBe('gfedcba');
      expect(await walk('asking')).toBe('debgfca');
    });

    it("sets an issue's state and title", async () => {
      const { issues } = store();
      await issues.link({ itemId: 'item-1', url: EXPORT, at: at(10) }, 'CSV export');
      expect(await issues.setState(EXPORT, { state: 'closed' }, at(100))).toMatchObject({ state: 'closed', title: 'CSV export', updatedAt: at(100) });
      expect(await issues.setState(EXPORT, { title: 'Export to CSV' }, at(110))).toMatchObject({ state: 'closed', title: 'Export to CSV' });
      expect(await issues.setState(SSO, { state: 'closed' }, at(120))).toBeNull();
    });
  });
}
