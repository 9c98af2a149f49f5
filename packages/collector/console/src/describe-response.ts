/** A response summed up in words for tables and lists: "NPS 3 (detractor)", "Cancel: Too expensive". */
import type { PresentedResponse } from './types.ts';

export function answerSummary(response: PresentedResponse): string {
  const { answers } = response;
  if (response.kind === 'nps') return `NPS ${answers.score ?? '–'}${response.category ? ` (${response.category})` : ''}`;
  const reasons = answers.reason ? [answers.reason] : (answers.reasons ?? []);
  return `${response.kind === 'cancel' ? 'Cancel' : 'Uninstall'}${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}`;
}

/** Who the response is with: the triage assignee, else the routed owner. */
export function ownerOf(response: PresentedResponse): string {
  return response.triage.owner ?? response.routing.owner ?? (response.routing.status === 'unrouted' ? 'unrouted' : '–');
}
