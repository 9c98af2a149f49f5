import type { Answers, NpsSurvey } from '@heed/shared';
import { npsCategory } from '@heed/shared/nps';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CommentField } from './comment-field.tsx';
import { ScoreScale } from './score-scale.tsx';
import type { Strings } from './strings/index.ts';

export interface NpsPromptProps {
  survey: NpsSurvey;
  strings: Strings;
  onSubmit: (answers: Answers) => void;
  onDismiss: () => void;
  onSnooze: () => void;
}

/**
 * The NPS question: a 0-10 scale, then a follow-up comment worded for the chosen score's category,
 * then a thank-you announced to screen readers. "Ask me later" snoozes, the close button dismisses.
 */
export function NpsPrompt({ survey, strings, onSubmit, onDismiss, onSnooze }: NpsPromptProps) {
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const close = useRef<HTMLButtonElement>(null);
  const category = score === undefined ? undefined : npsCategory(score);

  useEffect(() => {
    if (sent) close.current?.focus();
  }, [sent]);

  function submit(event: Event) {
    event.preventDefault();
    if (score === undefined) return;
    setSent(true);
    const text = comment.trim();
    onSubmit(text ? { score, comment: text } : { score });
  }

  return (
    <form onSubmit={submit}>
      <button ref={close} type="button" class="close" aria-label={strings.close_button} onClick={onDismiss}>
        ×
      </button>
      <h2 id="heed-title">{survey.question ?? strings.nps_question}</h2>
      {!sent && (
        <>
          <ScoreScale value={score} onChange={setScore} labelledBy="heed-title" strings={strings} />
          {category && (
            <CommentField label={survey.followUp?.[category] ?? strings.follow_up[category]} value={comment} onInput={setComment} />
          )}
          <div class="actions">
            <button type="button" class="secondary" onClick={onSnooze}>
              {strings.later_button}
            </button>
            {category && <button class="primary">{strings.submit_button}</button>}
          </div>
        </>
      )}
      <p class="thanks" aria-live="polite">
        {sent ? strings.thank_you : ''}
      </p>
    </form>
  );
}
