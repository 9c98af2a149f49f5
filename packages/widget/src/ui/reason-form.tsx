import type { Answers, CancelSurvey, UninstallSurvey } from '@heed/shared';
import { Component, createRef } from 'preact';
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

interface ReasonFormState {
  chosen: string[];
  comment: string;
  /** A send was refused for want of an answer. */
  refused: boolean;
  sent: boolean;
}

/**
 * Why someone leaves, as one labelled group of native choices and an optional comment, then a
 * thank-you that takes focus. A cancel survey asks for exactly one reason (radios); an uninstall survey,
 * a page of its own under a title, takes any number of reasons (checkboxes) or a comment, at least one.
 * Once a send was refused, the error shows for as long as the answer is incomplete.
 */
export class ReasonForm extends Component<ReasonFormProps, ReasonFormState> {
  override state: ReasonFormState = { chosen: [], comment: '', refused: false, sent: false };
  private readonly thanks = createRef<HTMLParagraphElement>();

  /** The answer, or undefined while it is incomplete. */
  private answers(): Answers | undefined {
    const { survey } = this.props;
    const { chosen } = this.state;
    const comment = this.state.comment.trim();
    const text = comment ? { comment } : {};
    if (survey.kind === 'cancel') return chosen[0] ? { reason: chosen[0], ...text } : undefined;
    return chosen.length || comment ? { ...(chosen.length ? { reasons: chosen } : {}), ...text } : undefined;
  }

  private readonly submit = (event: Event) => {
    event.preventDefault();
    const answers = this.answers();
    if (!answers) {
      this.setState({ refused: true });
      (event.currentTarget as HTMLFormElement).querySelector('input')?.focus();
      return;
    }
    this.setState({ sent: true });
    // The fields go away; the thank-you, empty until now, stays.
    this.thanks.current?.focus();
    this.props.onSubmit(answers);
  };

  private toggle(id: string, checked: boolean) {
    const { chosen } = this.state;
    const multiple = this.props.survey.kind === 'uninstall';
    this.setState({ chosen: !multiple ? [id] : checked ? [...chosen, id] : chosen.filter((other) => other !== id) });
  }

  override render({ survey, strings, onSkip }: ReasonFormProps, { chosen, comment, refused, sent }: ReasonFormState) {
    const multiple = survey.kind === 'uninstall';
    const error = refused && !this.answers() && (multiple ? strings.reason_or_comment : strings.reason_required);
    return (
      <>
        {multiple && <h1 id="heed-title">{strings.uninstall_title}</h1>}
        <form onSubmit={this.submit} noValidate>
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
                      onChange={(event) => this.toggle(id, event.currentTarget.checked)}
                    />
                    <span>{label}</span>
                  </label>
                ))}
              </fieldset>
              <CommentField label={strings.comment_label} value={comment} onInput={(text) => this.setState({ comment: text })} />
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
          <p ref={this.thanks} class="thanks" tabIndex={-1} aria-live="polite">
            {sent ? strings.thank_you : ''}
          </p>
        </form>
      </>
    );
  }
}
