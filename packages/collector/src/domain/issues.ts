/**
 * Feedback linked to issues: linking an item (an intake item or a survey answer) to an issue or feature
 * records it on the item's triage (`issueUrl`, kept in its history) and counts the item's customer and plan
 * among those asking; an issue that closes moves its open items to `actioned`, recorded in each one's history.
 */
import type { IssueLinkBody, IssueQuery, IssueSummary, Page } from '@heed/shared';
import { errors } from '../errors.ts';
import type { InboxEntry, IssueDoc, IssueLinkDoc } from '../store/store.ts';
import { decodeCursor, decodeRankedCursor, pageOf } from './cursor.ts';
import { findEntry } from './items-query.ts';
import { updateItemTriage, updateTriage, type TriageDeps } from './triage.ts';

/** How many linked items an issue's summary reads (the count itself is kept exact by the store). */
const ITEMS_READ = 1000;

/** Who asks, as the link keeps it: the item's account and plan. */
function askerOf(entry: InboxEntry): Pick<IssueLinkDoc, 'accountId' | 'accountName' | 'plan'> {
  if (entry.source === 'survey') {
    const { respondent, context } = entry.response;
    return { ...(respondent.accountId !== undefined && { accountId: respondent.accountId }), ...(context.plan !== undefined && { plan: context.plan }) };
  }
  const { accountId, accountName, plan } = entry.item.customer;
  return { ...(accountId !== undefined && { accountId }), ...(accountName !== undefined && { accountName }), ...(plan !== undefined && { plan }) };
}

function retriage(deps: TriageDeps, entry: InboxEntry, patch: Parameters<typeof updateTriage>[2], actor: string) {
  return entry.source === 'survey' ? updateTriage(deps, entry.response._id, patch, actor) : updateItemTriage(deps, entry.item._id, patch, actor);
}

async function entryOrThrow(deps: TriageDeps, id: string): Promise<InboxEntry> {
  const entry = await findEntry(deps.store, id);
  if (!entry) throw new errors.notFound(`item "${id}"`);
  return entry;
}

/** The issue with who asks for it, as the API shows it. */
export async function summarizeIssue(deps: Pick<TriageDeps, 'store'>, issue: IssueDoc): Promise<IssueSummary> {
  const links = await deps.store.issues.itemsOf(issue.url, ITEMS_READ);
  const customers = new Map<string, { accountId?: string; accountName?: string }>();
  const plans = new Set<string>();
  for (const link of links) {
    const key = link.accountId ?? (link.accountName !== undefined ? `name:${link.accountName}` : undefined);
    if (key !== undefined && !customers.has(key)) {
      customers.set(key, { ...(link.accountId !== undefined && { accountId: link.accountId }), ...(link.accountName !== undefined && { accountName: link.accountName }) });
    }
    if (link.plan !== undefined) plans.add(link.plan);
  }
  return {
    url: issue.url,
    ...(issue.title !== undefined && { title: issue.title }),
    state: issue.state,
    linkedAt: issue.linkedAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
    asking: issue.asking,
    customers: [...customers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, customer]) => customer),
    plans: [...plans].sort(),
    items: links.map((link) => ({ id: link.itemId, linkedAt: link.at.toISOString() })),
  };
}

/** Links the item to the issue (moving it from any other), and records the link on its triage. */
export async function linkIssue(deps: TriageDeps, id: string, body: IssueLinkBody, actor: string): Promise<IssueSummary> {
  const entry = await entryOrThrow(deps, id);
  const issue = await deps.store.issues.link({ itemId: id, url: body.url, at: deps.clock(), ...askerOf(entry) }, body.title);
  await retriage(deps, entry, { issueUrl: body.url }, actor);
  return summarizeIssue(deps, issue);
}

/** Removes the item's link; `errors.notFound` when it had none. */
export async function unlinkIssue(deps: TriageDeps, id: string, actor: string): Promise<{ url: string }> {
  const entry = await entryOrThrow(deps, id);
  const link = await deps.store.issues.unlink(id);
  if (!link) throw new errors.notFound(`an issue linked to item "${id}"`);
  await retriage(deps, entry, { issueUrl: null }, actor);
  return { url: link.url };
}

/** A page of issues in the query's order, after its cursor (most asked first pages by count, time and url). */
export async function listIssues(deps: Pick<TriageDeps, 'store'>, query: IssueQuery): Promise<Page<IssueSummary>> {
  const { sort, limit, cursor } = query;
  const after = cursor === undefined ? undefined : sort === 'asking' ? decodeRankedCursor(cursor) : decodeCursor(cursor);
  const issues = await deps.store.issues.list(sort, limit + 1, after);
  const page = pageOf(issues, limit, (issue) => ({ at: issue.linkedAt, id: issue.url, ...(sort === 'asking' && { rank: issue.asking }) }));
  return { items: await Promise.all(page.items.map((issue) => summarizeIssue(deps, issue))), nextCursor: page.nextCursor };
}

/** What the issue's tracker says it is now (a GitHub `issues` delivery). */
export interface IssueChange {
  url: string;
  state: IssueDoc['state'];
  title?: string;
}

/**
 * Applies what the tracker says to a linked issue: its state and title; when it is closed, each linked item
 * still `new` or `acknowledged` moves to `actioned`, in its history as `actor`. `null` when no item is linked
 * to that URL. Repeating it changes nothing more.
 */
export async function followIssue(deps: TriageDeps, change: IssueChange, actor: string): Promise<{ issue: IssueSummary; actioned: string[] } | null> {
  const issue = await deps.store.issues.setState(change.url, { state: change.state, ...(change.title !== undefined && { title: change.title }) }, deps.clock());
  if (!issue) return null;
  const actioned: string[] = [];
  if (issue.state === 'closed') {
    for (const link of await deps.store.issues.itemsOf(issue.url, ITEMS_READ)) {
      const entry = await findEntry(deps.store, link.itemId);
      if (!entry) continue;
      const status = entry.source === 'survey' ? entry.response.triage.status : entry.item.triage.status;
      if (status !== 'new' && status !== 'acknowledged') continue;
      await retriage(deps, entry, { status: 'actioned' }, actor);
      actioned.push(link.itemId);
    }
  }
  return { issue: await summarizeIssue(deps, issue), actioned };
}
