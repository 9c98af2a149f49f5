/**
 * What the survey page's preview shows: the survey the form stands for, as the collector would serve it
 * once saved (the file's definition with the form's settings over it), and what an answer in the preview
 * would have sent.
 */
import type { Answers, Survey } from '@heed/shared';
import type { Placement, PreviewEnd } from '@heed/widget/preview';
import { type ReasonRow, settingsOf, type SurveyForm } from './survey-form.ts';

/**
 * The survey the form stands for, unsaved. Reasons still being written are left out until they have a
 * label; one without a usable id yet (empty, or another reason's) gets one of its own, since the preview
 * tells its choices apart by id.
 */
export function previewSurvey(form: SurveyForm, file: Survey): Survey {
  const survey = { ...file, ...settingsOf(form, file) } as Survey;
  if (survey.kind !== 'cancel' && survey.kind !== 'uninstall') return survey;
  const ids = new Set<string>();
  const reasons: ReasonRow[] = [];
  survey.reasons.forEach(({ id, label }, index) => {
    if (label === '') return;
    const shown = id === '' || ids.has(id) ? `reason-${index + 1}-unsaved` : id;
    ids.add(shown);
    reasons.push({ id: shown, label });
  });
  return { ...survey, reasons };
}

/** Where the preview says the survey appears. */
export const PLACEMENT_TEXT: Record<Placement, string> = {
  'bottom-right': 'Slides in at the bottom right of the page (the width of the screen on a phone).',
  center: 'Opens as a dialog in the middle of the page, over a dimmed page.',
  inline: 'Appears inside the page, where the host puts it.',
  page: 'Appears on a page of its own, opened as the extension is uninstalled.',
};

/** What the preview says once it ended: the answer that was not sent, or how it was closed. */
export function describeEnd(end: PreviewEnd, survey: Survey): string {
  if ('closed' in end) {
    return end.closed === 'snoozed' ? 'Closed with "Ask me later": it would ask again later.' : 'Closed without an answer.';
  }
  return `Not sent: ${describeAnswers(end.answers, survey)}.`;
}

function describeAnswers({ score, reason, reasons, comment }: Answers, survey: Survey): string {
  const labels = survey.kind === 'cancel' || survey.kind === 'uninstall' ? new Map(survey.reasons.map((row) => [row.id, row.label])) : new Map<string, string>();
  const parts: string[] = [];
  if (score !== undefined) parts.push(`score ${score}`);
  const chosen = reasons ?? (reason ? [reason] : []);
  if (chosen.length > 0) parts.push(`${chosen.length > 1 ? 'reasons' : 'reason'} ${chosen.map((id) => `"${labels.get(id) ?? id}"`).join(', ')}`);
  if (comment) parts.push(`comment "${comment}"`);
  return parts.join(', ');
}
