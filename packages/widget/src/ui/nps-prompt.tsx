import type { NpsSurvey } from '@heed/shared';
import { scaleCategory } from '@heed/shared/nps';
import { Component, createRef } from 'preact';
import { CommentField } from './comment-field.tsx';
import { ScoreScale } from './score-scale.tsx';
import type { Strings } from './strings/index.ts';
import type { SubmitAnswer } from './submit-answer.ts';

export interface NpsPromptProps {
  survey: NpsSurvey;
  strings: Strings;
  onSubmit: SubmitAnswer;
  onDismiss: () => void;
  onSnooze: () => void;
}

interface NpsPromptState {
  score?: number;
  comment: string;
  sent: boolean;
  /** Once the collector had its say: thank (true) or tell that the answer could not be sent (false). */
  thanks?: boolean;
}

/**
 * The NPS question: a 0-10 scale, then a follow-up comment worded for the chosen score's category,
 * then a thank-you announced to screen readers (or, if the collector refused the answer, that it could not be sent). "Ask me later" snoozes, the close button dismisses.
 */
export class NpsPrompt extends Component<NpsPromptProps, NpsPromptState> {
  override state: NpsPromptState = { comment: '', sent: false };
  private readonly close = createRef<HTMLButtonElement>();

  private readonly submit = (event: Event) => {
    event.preventDefault();
    const { score, comment } = this.state;
    if (score === undefined) return;
    this.setState({ sent: true });
    // The scale and its buttons go away; the close button stays.
    this.close.current?.focus();
    const text = comment.trim();
    this.props.onSubmit(text ? { score, comment: text } : { score }, (thanks) => this.setState({ thanks }));
  };

  override render({ survey, strings, onDismiss, onSnooze }: NpsPromptProps, { score, comment, sent, thanks }: NpsPromptState) {
    const category = score === undefined ? undefined : scaleCategory(score);
    return (
      <form onSubmit={this.submit}>
        <button ref={this.close} type="button" class="close" aria-label={strings.close_button} onClick={onDismiss}>
          ×
        </button>
        <h2 id="heed-title">{survey.question ?? strings.nps_question}</h2>
        {!sent && (
          <>
            <ScoreScale value={score} onChange={(chosen) => this.setState({ score: chosen })} labelledBy="heed-title" strings={strings} />
            {category && (
              <CommentField
                label={survey.followUp?.[category] ?? strings.follow_up[category]}
                value={comment}
                onInput={(text) => this.setState({ comment: text })}
              />
            )}
            <div class="actions">
              <button type="button" class="secondary" onClick={onSnooze}>
                {strings.later_button}
              </button>
              {category && <button class="primary">{strings.submit_button}</button>}
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
