import type { CsatSurvey } from '@heed/shared';
import { Component, createRef } from 'preact';
import { CommentField } from './comment-field.tsx';
import { ScoreScale } from './score-scale.tsx';
import type { Strings } from './strings/index.ts';
import type { SubmitAnswer } from './submit-answer.ts';

export interface CsatPromptProps {
  survey: CsatSurvey;
  strings: Strings;
  onSubmit: SubmitAnswer;
  onDismiss: () => void;
  onSnooze: () => void;
}

interface CsatPromptState {
  score?: number;
  comment: string;
  sent: boolean;
  /** Once the collector had its say: thank (true) or tell that the answer could not be sent (false). */
  thanks?: boolean;
}

const CSAT_SCORES = [1, 2, 3, 4, 5];

/**
 * The CSAT question: five labelled choices from "Very unsatisfied" (1) to "Very satisfied" (5) on the
 * score scale NPS uses, then an optional comment, then a thank-you announced to screen readers (or that
 * the answer could not be sent). "Ask me later" snoozes, the close button dismisses.
 */
export class CsatPrompt extends Component<CsatPromptProps, CsatPromptState> {
  override state: CsatPromptState = { comment: '', sent: false };
  private readonly close = createRef<HTMLButtonElement>();

  private readonly submit = (event: Event) => {
    event.preventDefault();
    const { score, comment } = this.state;
    if (score === undefined) return;
    this.setState({ sent: true });
    this.close.current?.focus();
    const text = comment.trim();
    this.props.onSubmit(text ? { score, comment: text } : { score }, (thanks) => this.setState({ thanks }));
  };

  override render({ survey, strings, onDismiss, onSnooze }: CsatPromptProps, { score, comment, sent, thanks }: CsatPromptState) {
    return (
      <form onSubmit={this.submit}>
        <button ref={this.close} type="button" class="close" aria-label={strings.close_button} onClick={onDismiss}>
          ×
        </button>
        <h2 id="heed-title">{survey.question ?? strings.csat_question}</h2>
        {!sent && (
          <>
            <ScoreScale
              value={score}
              onChange={(chosen) => this.setState({ score: chosen })}
              labelledBy="heed-title"
              strings={strings}
              scores={CSAT_SCORES}
              labels={strings.csat_labels}
            />
            {score !== undefined && (
              <CommentField label={survey.followUp ?? strings.csat_follow_up} value={comment} onInput={(text) => this.setState({ comment: text })} />
            )}
            <div class="actions">
              <button type="button" class="secondary" onClick={onSnooze}>
                {strings.later_button}
              </button>
              {score !== undefined && <button class="primary">{strings.submit_button}</button>}
            </div>
          </>
        )}
        <p class={thanks === false ? 'thanks error' : 'thanks'} aria-live="polite">
          {thanks ? strings.thank_you : thanks === false ? strings.not_sent : ''}
        </p>
      </form>
    );
  }
}
