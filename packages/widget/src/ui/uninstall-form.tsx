import type { Answers, UninstallSurvey } from '@heed/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CommentField } from './comment-field.tsx';
import { ReasonFieldset } from './reason-fieldset.tsx';
import type { Strings } from './strings/index.ts';

export interface UninstallFormProps {
  survey: UninstallSurvey;
  strings: Strings;
  onSubmit: (answers: Answers) => void;
}

/** The uninstall exit survey: any number of reasons and a comment, at least one of the two. */
export function UninstallForm({ survey, strings, onSubmit }: UninstallFormProps) {
  const [reasons, setReasons] = useState<string[]>([]);
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
    const text = comment.trim();
    if (!reasons.length && !text) {
      setInvalid(true);
      form.current?.querySelector('input')?.focus();
      return;
    }
    setSent(true);
    onSubmit({ ...(reasons.length ? { reasons } : {}), ...(text ? { comment: text } : {}) });
  }

  return (
    <>
      <h1 id="heed-title">{strings.uninstallTitle}</h1>
      <form ref={form} onSubmit={submit} noValidate>
        {!sent && (
          <>
            <ReasonFieldset
              legendId="heed-reasons"
              legend={survey.question ?? strings.uninstallQuestion}
              reasons={survey.reasons}
              multiple
              selected={reasons}
              onChange={(chosen) => {
                setReasons(chosen);
                setInvalid(false);
              }}
              error={invalid ? strings.reasonOrComment : undefined}
            />
            <CommentField label={strings.commentLabel} value={comment} onInput={(text) => {
              setComment(text);
              setInvalid(false);
            }} />
            <div class="actions">
              <button class="primary">{strings.submit}</button>
            </div>
          </>
        )}
        <p ref={thanks} class="thanks" tabIndex={-1} aria-live="polite">
          {sent ? strings.thanks : ''}
        </p>
      </form>
    </>
  );
}
