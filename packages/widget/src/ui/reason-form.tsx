import type { Answers, CancelSurvey, UninstallSurvey } from '@heed/shared';
import { answerGiven } from '@heed/shared/answers';
import { Component, createRef } from 'preact';
import { CommentField } from './comment-field.tsx';
import type { Strings } from './strings/index.ts';
import type { SubmitAnswer } from './submit-answer.ts';

export interface ReasonFormProps {
  survey: CancelSurvey | UninstallSurvey;
  strings: Strings;
  onSubmit: SubmitAnswer;
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
  /** Once the collector had its say: thank (true) or tell that the answer could not be sent (false). */
  thanks?: boolean;
}

/**
 * Why someone leaves, as one labelled group of native choices and a comment, then a thank-you that takes
 * focus (or word that the collector refused the answer). A cancel survey offers one reason (radios); an
 * uninstall survey, a page of its own under a title, any number (checkboxes). Either takes a reason, a
 * comment or both: what the collector accepts (`answerGiven` in @heed/shared). Once a send was refused
 * for want of an answer, the error shows for as long as the answer is incomplete.
 */
export class ReasonForm extends Component<ReasonFormProps, ReasonFormState> {
  override state: ReasonFormState = { chosen: [], comment: '', refused: false, sent: false };
  private readonly thanks = createRef<HTMLParagraphElement>();

  /** The answer, or undefined while it is incomplete. */
  private answers(): Answers | undefined {
    const { kind } = this.props.survey;
    const { chosen } = this.state;
    const comment = this.state.comment.trim();
    const answers: Answers = comment ? { comment } : {};
    if (chosen.length) {
      if (kind === 'cancel') answers.reason = chosen[0];
      else answers.reasons = chosen;
    }
    return answerGiven(kind, answers) ? answers : undefined;
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
    this.props.onSubmit(answers, (thanks) => this.setState({ thanks }));
  };

  private toggle(id: string, checked: boolean) {
    const { chosen } = this.state;
    const multiple = this.props.survey.kind === 'uninstall';
    this.setState({ chosen: !multiple ? [id] : checked ? [...chosen, id] : chosen.filter((other) => other !== id) });
  }

  override render({ survey, strings, onSkip }: ReasonFormProps, { chosen, comment, refused, sent, thanks }: ReasonFormState) {
    const multiple = survey.kind === 'uninstall';
    const error = refused && !this.answers() && strings.reason_or_comment;
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
          <p ref={this.thanks} class={thanks === false ? 'thanks error' : 'thanks'} tabIndex={-1} aria-live="polite">
            {thanks ? strings.thank_you : thanks === false ? strings.not_sent : ''}
          </p>
        </form>
      </>
    );
  }
}
