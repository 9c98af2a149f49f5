/**
 * `@heed/widget/preview`: a survey exactly as the widget shows it (the same frame, forms, English strings
 * and stylesheet, in an open shadow root) for a page that previews surveys, such as the console's survey
 * page. Nothing of it is sent or stored: an answer, "Ask me later", "Skip" and the close button are handed
 * to the caller. It is its own entry, which neither heed.js nor the UI chunk includes, so the widget's
 * bundles do not carry it.
 *
 * A preview never takes the keyboard focus as it appears and is never modal: overlays are drawn where
 * they would appear (see `shownAs`) but as a region of the previewing page, without the slide-in's dialog
 * role or the centered dialog's focus trap and backdrop, which the previewing page may draw around it.
 */
import type { Answers, Survey } from '@heed/shared';
import { render } from 'preact';
import { applyStyles } from './ui/apply-styles.ts';
import { CsatPrompt } from './ui/csat-prompt.tsx';
import { NpsPrompt } from './ui/nps-prompt.tsx';
import { ReasonForm } from './ui/reason-form.tsx';
import strings from './ui/strings/en.ts';
import css from './ui/styles.css?inline';
import { type Placement, SurveyFrame } from './ui/survey-frame.tsx';

export type { Placement } from './ui/survey-frame.tsx';

/** How a preview ended: with the answer that would have been sent, or closed without one. */
export type PreviewEnd = { answers: Answers } | { closed: 'dismissed' | 'snoozed' };

export interface PreviewRequest {
  survey: Survey;
  /** Called in place of sending anything. After `closed`, the survey is gone, as in a product. */
  onEnd?: (end: PreviewEnd) => void;
}

/**
 * Where a survey appears in a product: an NPS or CSAT survey where its placement says (`inline`: in the
 * host's `data-heed-mount` element), a cancel form inline in the host's cancel flow, an uninstall survey
 * on a page of its own (the collector's hosted page).
 */
export function shownAs(survey: Survey): Placement {
  if (survey.kind === 'nps' || survey.kind === 'csat') return survey.placement;
  return survey.kind === 'cancel' ? 'inline' : 'page';
}

/** The widths the overlays have in a product, within the preview's box. */
const PREVIEW_CSS = `
:host([data-shown-as='bottom-right']) .panel { width: min(340px, 100%); box-sizing: border-box; margin-inline-start: auto; box-shadow: 0 8px 30px #0004 }
:host([data-shown-as='center']) .panel { width: min(440px, 100%); box-sizing: border-box; margin-inline: auto }
`;

const roots = new WeakMap<HTMLElement, HTMLElement>();

/**
 * Render `request.survey` into `host`'s shadow root, made on first use. Rendering again updates the
 * survey in place, keeping what the person chose so far; after `clearPreview` it starts afresh.
 */
export function renderPreview(host: HTMLElement, { survey, onEnd }: PreviewRequest): void {
  let root = roots.get(host);
  if (!root) {
    const shadow = host.attachShadow({ mode: 'open' });
    applyStyles(shadow, css + PREVIEW_CSS);
    root = document.createElement('div');
    shadow.append(root);
    roots.set(host, root);
  }
  const placement = shownAs(survey);
  host.dataset.shownAs = placement;
  // The widget's stylesheet shows inline and page surveys as blocks.
  host.dataset.placement = placement === 'page' ? 'page' : 'inline';
  const closed = (how: 'dismissed' | 'snoozed') => {
    clearPreview(host);
    onEnd?.({ closed: how });
  };
  const submit = (answers: Answers, tell: (thanks: boolean) => void) => {
    tell(true);
    onEnd?.({ answers });
  };
  const props = { strings, onSubmit: submit, onDismiss: () => closed('dismissed'), onSnooze: () => closed('snoozed') };
  render(
    <SurveyFrame placement={placement === 'page' ? 'page' : 'inline'} labelledBy="heed-title" lang="en" dir={strings.dir} takeFocus={false}>
      {survey.kind === 'nps' ? (
        <NpsPrompt survey={survey} {...props} />
      ) : survey.kind === 'csat' ? (
        <CsatPrompt survey={survey} {...props} />
      ) : (
        <ReasonForm survey={survey} strings={strings} onSubmit={submit} onSkip={survey.kind === 'cancel' ? props.onDismiss : undefined} />
      )}
    </SurveyFrame>,
    root,
  );
}

/** Remove the survey from `host`, if one is shown. */
export function clearPreview(host: HTMLElement): void {
  const root = roots.get(host);
  if (root) render(null, root);
}
