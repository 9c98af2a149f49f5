/**
 * Issues on SQLite: `issues` keyed by URL, with the count of linked items kept in the same transaction as
 * the link (so "most asked" is an index range), and `issue_links` keyed by item id, indexed by issue.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.ts';
import { ms } from './sqlite-codec.ts';
import type { IssueDoc, IssueLinkDoc, IssueRepository } from './store.ts';

interface IssueRow {
  url: string;
  title: string | null;
  state: string;
  linked_at: number;
  updated_at: number;
  asking: number;
}

interface LinkRow {
  item_id: string;
  issue_url: string;
  at: number;
  account_id: string | null;
  account_name: string | null;
  plan: string | null;
}

function issueOf(row: IssueRow): IssueDoc {
  return {
    url: row.url,
    ...(row.title !== null && { title: row.title }),
    state: row.state as IssueDoc['state'],
    linkedAt: new Date(row.linked_at),
    updatedAt: new Date(row.updated_at),
    asking: row.asking,
  };
}

function linkOf(row: LinkRow): IssueLinkDoc {
  return {
    itemId: row.item_id,
    url: row.issue_url,
    at: new Date(row.at),
    ...(row.account_id !== null && { accountId: row.account_id }),
    ...(row.account_name !== null && { accountName: row.account_name }),
    ...(row.plan !== null && { plan: row.plan }),
  };
}

export function sqliteIssues(db: Database.Database, commit: GroupCommit): IssueRepository {
  const getIssue = db.prepare('SELECT * FROM issues WHERE url = ?');
  const getLink = db.prepare('SELECT * FROM issue_links WHERE item_id = ?');
  const createIssue = db.prepare(
    "INSERT INTO issues (url, title, state, linked_at, updated_at, asking) VALUES (?, ?, 'open', ?, ?, 0) ON CONFLICT (url) DO NOTHING",
  );
  const retitle = db.prepare('UPDATE issues SET title = ?, updated_at = ? WHERE url = ?');
  const count = db.prepare('UPDATE issues SET asking = asking + ? WHERE url = ?');
  const putLink = db.prepare(
    'INSERT OR REPLACE INTO issue_links (item_id, issue_url, at, account_id, account_name, plan) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const dropLink = db.prepare('DELETE FROM issue_links WHERE item_id = ?');
  const newest = db.prepare('SELECT * FROM issues INDEXED BY issues_newest ORDER BY linked_at DESC, url DESC LIMIT ?');
  const newestAfter = db.prepare('SELECT * FROM issues INDEXED BY issues_newest WHERE (linked_at, url) < (?, ?) ORDER BY linked_at DESC, url DESC LIMIT ?');
  const mostAsked = db.prepare('SELECT * FROM issues INDEXED BY issues_asking ORDER BY asking DESC, linked_at DESC, url DESC LIMIT ?');
  const mostAskedAfter = db.prepare(
    'SELECT * FROM issues INDEXED BY issues_asking WHERE (asking, linked_at, url) < (?, ?, ?) ORDER BY asking DESC, linked_at DESC, url DESC LIMIT ?',
  );
  const linksOf = db.prepare('SELECT * FROM issue_links INDEXED BY issue_links_by_issue WHERE issue_url = ? ORDER BY at DESC, item_id LIMIT ?');
  const setState = db.prepare('UPDATE issues SET state = coalesce(?, state), title = coalesce(?, title), updated_at = ? WHERE url = ?');

  function link(doc: IssueLinkDoc, title: string | undefined): IssueDoc {
    const previous = getLink.get(doc.itemId) as LinkRow | undefined;
    createIssue.run(doc.url, title ?? null, ms(doc.at), ms(doc.at));
    if (title !== undefined) retitle.run(title, ms(doc.at), doc.url);
    if (previous) count.run(-1, previous.issue_url);
    putLink.run(doc.itemId, doc.url, ms(doc.at), doc.accountId ?? null, doc.accountName ?? null, doc.plan ?? null);
    count.run(1, doc.url);
    return issueOf(getIssue.get(doc.url) as IssueRow);
  }

  function unlink(itemId: string): IssueLinkDoc | null {
    const previous = getLink.get(itemId) as LinkRow | undefined;
    if (!previous) return null;
    dropLink.run(itemId);
    count.run(-1, previous.issue_url);
    return linkOf(previous);
  }

  return {
    link: (doc, title) => commit.run(() => link(doc, title)),
    unlink: (itemId) => commit.run(() => unlink(itemId)),
    async byUrl(url) {
      const row = getIssue.get(url) as IssueRow | undefined;
      return row ? issueOf(row) : null;
    },
    async list(sort, limit, after) {
      let rows: unknown[];
      if (sort === 'newest') rows = after ? newestAfter.all(ms(after.at), after.id, limit) : newest.all(limit);
      else if (!after) rows = mostAsked.all(limit);
      else if ('rank' in after) rows = mostAskedAfter.all(after.rank, ms(after.at), after.id, limit);
      else throw new Error('a position in the most asked issues needs its rank');
      return (rows as IssueRow[]).map(issueOf);
    },
    async itemsOf(url, limit) {
      return (linksOf.all(url, limit) as LinkRow[]).map(linkOf);
    },
    async linkOf(itemId) {
      const row = getLink.get(itemId) as LinkRow | undefined;
      return row ? linkOf(row) : null;
    },
    setState: (url, change, at) =>
      commit.run(() => {
        if (setState.run(change.state ?? null, change.title ?? null, ms(at), url).changes === 0) return null;
        return issueOf(getIssue.get(url) as IssueRow);
      }),
  };
}
