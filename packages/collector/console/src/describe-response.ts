/** A response summed up in words for tables and lists: "NPS 3 (detractor)", "Cancel: Too expensive". */
import { EMPTY_CATALOG, reasonLabel, type Catalog } from './use-catalog.ts';
import type { PresentedResponse } from './types.ts';

/** The reason ids of a cancel or uninstall answer. */
export function reasonIds(response: PresentedResponse): string[] {
  const { answers } = response;
  return answers.reason ? [answers.reason] : (answers.reasons ?? []);
}

/** The reasons as labels, joined: "Too expensive, Something else". */
export function reasonText(response: PresentedResponse, catalog: Catalog = EMPTY_CATALOG): string {
  return reasonIds(response)
    .map((id) => reasonLabel(catalog, response.kind, id))
    .join(', ');
}

export function answerSummary(response: PresentedResponse, catalog: Catalog = EMPTY_CATALOG): string {
  const { answers } = response;
  if (response.kind === 'csat') return `CSAT ${answers.score ?? '–'} of 5`;
  if (response.kind === 'nps') return `NPS ${answers.score ?? '–'}${response.category ? ` (${response.category})` : ''}`;
  const reasons = reasonText(response, catalog);
  return `${response.kind === 'cancel' ? 'Cancel' : 'Uninstall'}${reasons ? `: ${reasons}` : ''}`;
}

/** Who the response is with: the triage assignee, else the routed owner. */
export function ownerOf(response: PresentedResponse): string {
  return response.triage.owner ?? response.routing.owner ?? (response.routing.status === 'unrouted' ? 'unrouted' : '–');
}

/** Why the collector routed the response as it did, in words. */
export function routingReason(routing: PresentedResponse['routing']): string {
  const route = /^route:(\d+)$/.exec(routing.reason);
  if (route) return `Route ${Number(route[1]) + 1} of the config matched (routes are tried in order; the first match wins).`;
  if (routing.reason === 'rotation') return 'No route matched; the owner on duty in the feedback rotation got it.';
  if (routing.reason === 'no-owner') return 'No route matched and no rotation owner was on duty: nobody was alerted.';
  if (routing.reason === 'not-actionable') return 'Not routed: neither a detractor score nor a comment.';
  return routing.reason;
}
