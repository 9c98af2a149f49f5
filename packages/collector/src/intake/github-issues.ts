/**
 * What a GitHub `issues` delivery says about an issue feedback may be linked to (by its URL), whatever its
 * labels: closed or reopened, and its title when edited. The linked issue follows it (domain/issues.ts).
 */
import type { IssueChange } from '../domain/issues.ts';
import { IssuesEventSchema } from './github.ts';

const FOLLOWED_ACTIONS = new Set(['closed', 'reopened', 'edited']);

/** The change to a linked issue that the delivery describes; `null` when it describes none. */
export function linkedIssueChange(event: string, payload: unknown): IssueChange | null {
  if (event !== 'issues') return null;
  const parsed = IssuesEventSchema.safeParse(payload);
  if (!parsed.success || !FOLLOWED_ACTIONS.has(parsed.data.action)) return null;
  const { issue } = parsed.data;
  return { url: issue.html_url, state: issue.state === 'closed' ? 'closed' : 'open', title: issue.title.slice(0, 500) };
}
