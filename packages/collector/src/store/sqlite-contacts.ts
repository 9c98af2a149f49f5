/**
 * Contacts on SQLite: the told marker is the `told_at` column, set by a conditional update in the same
 * transaction as the check and the history entry; erasure finds the items on `items_contact` and
 * `items_reporter` (the lowercased contact and reporter emails), rewrites them (contact-erasure.ts) and their
 * search text in one commit, and keeps the address's hash in `erased_contacts`.
 */
import type Database from 'better-sqlite3';
import { withoutAddress } from './contact-erasure.ts';
import { contactHash, normalizedAddress } from './contact-hash.ts';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import { decodeItem, encodeItem, searchableText } from './sqlite-items.ts';
import type { ContactRepository, TellRefusal } from './store.ts';

interface Row {
  source: string;
  doc: string;
  told_at: number | null;
}

export function sqliteContacts(db: Database.Database, commit: GroupCommit): ContactRepository {
  const get = db.prepare('SELECT source, doc, told_at FROM items WHERE id = ?');
  const mark = db.prepare('UPDATE items SET told_at = ?, doc = ? WHERE id = ? AND told_at IS NULL');
  const unmark = db.prepare('UPDATE items SET told_at = NULL, doc = ? WHERE id = ? AND told_at IS NOT NULL');
  const holding = db.prepare(
    `SELECT rowid, doc FROM items INDEXED BY items_contact
       WHERE lower(doc ->> '$.customer.contactEmail') = @email AND source <> 'survey' AND doc ->> '$.customer.contactEmail' IS NOT NULL
     UNION
     SELECT rowid, doc FROM items INDEXED BY items_reporter
       WHERE lower(doc ->> '$.reporter.email') = @email AND source <> 'survey' AND doc ->> '$.reporter.email' IS NOT NULL`,
  );
  const rewrite = db.prepare('UPDATE items SET doc = ? WHERE rowid = ?');
  const unindexText = db.prepare('DELETE FROM items_text WHERE rowid = ?');
  const indexText = db.prepare('INSERT INTO items_text (rowid, text) VALUES (?, ?)');
  const erased = db.prepare('SELECT 1 FROM erased_contacts WHERE email_hash = ?').pluck();
  const markErased = db.prepare('INSERT INTO erased_contacts (email_hash, at) VALUES (?, ?) ON CONFLICT (email_hash) DO NOTHING');

  return {
    markTold: (itemId, at, change) =>
      commit.run((): 'marked' | TellRefusal | null => {
        const row = get.get(itemId) as Row | undefined;
        if (!row || row.source === 'survey') return null;
        if (row.told_at !== null) return 'told';
        const item = decodeItem(row.doc);
        const email = item.customer.contactEmail;
        if (email === undefined) return 'no-contact';
        if (item.customer.mayContact !== true) return 'no-consent';
        if (erased.get(contactHash(email)) !== undefined) return 'erased';
        item.triage.history.push(change);
        return mark.run(ms(at), encodeItem(item), itemId).changes === 1 ? 'marked' : 'told';
      }),
    unmarkTold: (itemId, change) =>
      commit.run(() => {
        const row = get.get(itemId) as Row | undefined;
        if (!row || row.told_at === null) return false;
        const item = decodeItem(row.doc);
        item.triage.history.push(change);
        return unmark.run(encodeItem(item), itemId).changes === 1;
      }),
    async toldAt(itemId) {
      const row = get.get(itemId) as Row | undefined;
      return row?.told_at == null ? null : new Date(row.told_at);
    },
    erase: (email, at, change) =>
      commit.run(() => {
        let count = 0;
        for (const row of holding.all({ email: normalizedAddress(email) }) as { rowid: number; doc: string }[]) {
          const erased = withoutAddress(decodeItem(row.doc), email);
          if (!erased) continue;
          const { item, searchable } = erased;
          item.triage.history.push(change);
          rewrite.run(encodeItem(item), row.rowid);
          if (searchable) {
            unindexText.run(row.rowid);
            indexText.run(row.rowid, searchableText(item));
          }
          count += 1;
        }
        markErased.run(contactHash(email), ms(at));
        return count;
      }),
    async isErased(email) {
      return erased.get(contactHash(email)) !== undefined;
    },
  };
}
