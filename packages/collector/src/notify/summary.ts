/**
 * What every human-facing alert (Slack, email) says about a response, as plain text: a one-line headline
 * with a colour cue, and labelled details. Each channel escapes and lays them out its own way.
 */
import type { HeedConfig } from '@heed/shared';
import type { ResponseDoc } from '../store/store.ts';

const CATEGORY_EMOJI = { detractor: '🔴', passive: '🟡', promoter: '🟢' } as const;

/** "🔴 NPS 3 · detractor", "🔴 CSAT 2 of 5", "🛑 Cancel · Too expensive", "🧩 Uninstall · Privacy concerns, Too slow". */
export function alertHeadline(response: ResponseDoc, config: Pick<HeedConfig, 'surveys'>): string {
  const { answers } = response;
  if (response.kind === 'nps') {
    const emoji = response.category ? CATEGORY_EMOJI[response.category] : '⚪';
    const score = answers.score === undefined ? 'NPS' : `NPS ${answers.score}`;
    return `${emoji} ${score}${response.category ? ` · ${response.category}` : ''}`;
  }
  if (response.kind === 'csat') {
    const score = answers.score;
    return score === undefined ? '⚪ CSAT' : `${score <= 2 ? '🔴' : score === 3 ? '🟡' : '🟢'} CSAT ${score} of 5`;
  }
  const survey = config.surveys.find((s) => s.id === response.surveyId);
  const labels = new Map(survey && 'reasons' in survey ? survey.reasons.map((r) => [r.id, r.label]) : []);
  const chosen = answers.reason ? [answers.reason] : (answers.reasons ?? []);
  const reasons = chosen.map((id) => labels.get(id) ?? id).join(', ');
  const [emoji, kind] = response.kind === 'cancel' ? ['🛑', 'Cancel'] : ['🧩', 'Uninstall'];
  return `${emoji} ${kind}${reasons ? ` · ${reasons}` : ''}`;
}

/** Who answered, where and on what plan: the fields that are set, in reading order. */
export function alertDetails(response: ResponseDoc): [label: string, value: string][] {
  const { respondent, context } = response;
  const details: [string, string | undefined][] = [
    ['Survey', response.surveyId],
    ['Plan', response.plan],
    ['Account', respondent.accountId],
    ['User', respondent.userId],
    ['Page', context.url],
    ['Extension version', context.extensionVersion],
    ['Locale', context.locale],
  ];
  return details.filter((detail): detail is [string, string] => detail[1] !== undefined && detail[1] !== '');
}

/** `/console/responses/<id>` under the public URL (with or without a trailing slash). */
export function consoleUrl(publicUrl: string, responseId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/console/responses/${encodeURIComponent(responseId)}`;
}
