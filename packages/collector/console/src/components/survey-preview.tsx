import type { Survey } from '@heed/shared';
import { clearPreview, type PreviewEnd, renderPreview, shownAs } from '@heed/widget/preview';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeEnd, PLACEMENT_TEXT } from '../survey-preview.ts';

export interface SurveyPreviewProps {
  /** The survey as the form stands, unsaved. */
  survey: Survey;
  /** Whether it is offered to people (the form's "active"). */
  active?: boolean;
}

/**
 * The survey as the widget shows it, drawn by the widget's own UI (`@heed/widget/preview`) and updated
 * in place as the form changes. Answering it sends nothing: the preview says what would have been sent.
 * It never takes the focus while the form is being typed in; after it is closed, "Show it again" does.
 */
export function SurveyPreview({ survey, active = true }: SurveyPreviewProps) {
  const host = useRef<HTMLDivElement>(null);
  const again = useRef<HTMLButtonElement>(null);
  const [end, setEnd] = useState<PreviewEnd | undefined>(undefined);
  /** Counts fresh starts: each one shows the survey as it first appears. */
  const [round, setRound] = useState(0);
  const closed = end !== undefined && 'closed' in end;

  useEffect(() => {
    if (!closed) renderPreview(host.current!, { survey, onEnd: setEnd });
  }, [survey, closed, round]);
  useEffect(() => {
    const element = host.current!;
    return () => clearPreview(element);
  }, []);
  // The close button the person pressed is gone: the focus goes to what brings the survey back.
  useEffect(() => {
    if (closed) again.current?.focus();
  }, [closed]);

  const restart = () => {
    clearPreview(host.current!);
    setEnd(undefined);
    setRound((n) => n + 1);
  };
  const placement = shownAs(survey);
  return (
    <section class="survey-preview" aria-labelledby="survey-preview-title">
      <h3 id="survey-preview-title">Preview in the widget</h3>
      <p class="hint">
        <strong>Preview: answers are not sent.</strong> Unsaved changes show here as you type. {PLACEMENT_TEXT[placement]}
        {!active && ' Not offered to people while the survey is inactive.'}
      </p>
      <div class="preview-stage" data-shown-as={placement} data-testid="survey-preview">
        <div ref={host} class="preview-host" />
      </div>
      <p class="hint preview-end" role="status">
        {end ? describeEnd(end, survey) : ''}
      </p>
      {/* Always there, so the focus stays on it as the survey starts afresh. */}
      <button ref={again} type="button" class="quiet" onClick={restart}>
        {closed ? 'Show it again' : 'Start over'}
      </button>
    </section>
  );
}
