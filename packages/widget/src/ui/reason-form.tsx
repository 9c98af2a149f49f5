import type { Answers, CancelSurvey, UninstallSurvey } from '@heed/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CommentField } from './comment-field.tsx';
import type { Strings } from './strings/index.ts';

export interface ReasonFormProps {
  survey: CancelSurvey | UninstallSurvey;
  strings: Strings;
  onSubmit: (answers: Answers) => void;
  /** Offers "Skip" (the cancel form). */
  onSkip?: () => void;
}

const ERROR_ID = 'heed-reason-error';

/**
 * Why someone leaves, as one labelled group of native choices and an optional comment, then a
 * thank-you that takes focus. A cancel survey asks for exactly one reason (radios); an uninstall survey,
 * a page of its own under a title, takes any number of reasons (checkboxes) or a comment, at least one.
 * Once a send was refused, the error shows for as long as the answer is incomplete.
 */
export function ReasonForm({ survey, strings, onSubmit, onSkip }: ReasonFormProps) {
  const multiple = survey.kind === 'uninstall';
  const [chosen, setChosen] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [refused, setRefused] = useState(false);
  const [sent, setSent] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const thanks = useRef<HTMLParagraphElement>(null);
  const text = comment.trim();
  const error = refused && !chosen.length && (!multiple || !text) && (multiple ? strings.reason_or_comment : strings.reason_required);

  useEffect(() => {
    if (sent) thanks.current?.focus();
  }, [sent]);

  function submit(event: Event) {
    event.preventDefault();
    if (!chosen.length && (!multiple || !text)) {
      setRefused(true);
      form.current?.querySelector('input')?.focus();
      return;
    }
    setSent(true);
    onSubmit({
      ...(multiple ? chosen.length && { reasons: chosen } : { reason: chosen[0] }),
      ...(text && { comment: text }),
    });
  }

  return (
    <>
      {multiple && <h1 id="heed-title">{strings.uninstall_title}</h1>}
      <form ref={form} onSubmit={submit} noValidate>
        {!sent && (
          <>
            <fieldset aria-describedby={error ? ERROR_ID : undefined}>
              <legend id={multiple ? 'heed-reasons' : 'heed-title'}>
                {survey.question ?? (multiple ? strings.uninstall_question : strings.cancel_question)}
              </legend>
              {error && (
                <p id={ERROR_ID} class="error">
                  {error}
                </p>
              )}
              {survey.reasons.map(({ id, label }, index) => (
                <label class="choice" key={id}>
                  <input
                    type={multiple ? 'checkbox' : 'radio'}
                    name="reason"
                    value={id}
                    checked={chosen.includes(id)}
                    required={!multiple}
                    aria-invalid={error ? 'true' : undefined}
                    data-focus={index === 0 || undefined}
                    onChange={(event) =>
                      setChosen(multiple ? (event.currentTarget.checked ? [...chosen, id] : chosen.filter((other) => other !== id)) : [id])
                    }
                  />
                  <span>{label}</span>
                </label>
              ))}
            </fieldset>
            <CommentField label={strings.comment_label} value={comment} onInput={setComment} />
            <div class="actions">
              {onSkip && (
                <button type="button" class="secondary" onClick={onSkip}>
                  {strings.skip_button}
                </button>
              )}
              <button class="primary">{strings.submit_button}</button>
            </div>
          </>
        )}
        <p ref={thanks} class="thanks" tabIndex={-1} aria-live="polite">
          {sent ? strings.thank_you : ''}
        </p>
      </form>
    </>
  );
}
