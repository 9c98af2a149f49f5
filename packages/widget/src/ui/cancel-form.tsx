import type { Answers, CancelSurvey } from '@heed/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CommentField } from './comment-field.tsx';
import { ReasonFieldset } from './reason-fieldset.tsx';
import type { Strings } from './strings/index.ts';

export interface CancelFormProps {
  survey: CancelSurvey;
  strings: Strings;
  onSubmit: (answers: Answers) => void;
  onSkip: () => void;
}

/** Why is the customer cancelling: one required reason, an optional comment, or skip. */
export function CancelForm({ survey, strings, onSubmit, onSkip }: CancelFormProps) {
  const [reason, setReason] = useState<string>();
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [sent, setSent] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (sent) thanks.current?.focus();
  }, [sent]);

  function submit(event: Event) {
    event.preventDefault();
    if (!reason) {
      setInvalid(true);
      form.current?.querySelector('input')?.focus();
      return;
    }
    setSent(true);
    const text = comment.trim();
    onSubmit(text ? { reason, comment: text } : { reason });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate>
      {!sent && (
        <>
          <ReasonFieldset
            legend={survey.question ?? strings.cancelQuestion}
            reasons={survey.reasons}
            multiple={false}
            selected={reason ? [reason] : []}
            onChange={([chosen]) => {
              setReason(chosen);
              setInvalid(false);
            }}
            error={invalid ? strings.reasonRequired : undefined}
          />
          <CommentField label={strings.commentLabel} value={comment} onInput={setComment} />
          <div class="actions">
            <button type="button" class="secondary" onClick={onSkip}>
              {strings.skip}
            </button>
            <button class="primary">{strings.submit}</button>
          </div>
        </>
      )}
      <p ref={thanks} class="thanks" tabIndex={-1} aria-live="polite">
        {sent ? strings.thanks : ''}
      </p>
    </form>
  );
}
