import type { Strings } from './strings/index.ts';

export interface ScoreScaleProps {
  value?: number;
  onChange: (score: number) => void;
  /** Id of the question the scale answers. */
  labelledBy: string;
  strings: Strings;
  /** The scores offered, in order: NPS's 0-10 by default, CSAT's 1-5. */
  scores?: readonly number[];
  /**
   * A label for each score ("Very satisfied"), shown under its number and read with it; without them,
   * the ends carry the NPS anchors.
   */
  labels?: readonly string[];
}

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * A score scale (0-10 by default) as one radio group with a roving tabindex: Tab enters at the chosen
 * score (or the first), arrow keys move and choose (mirrored left/right in right-to-left text), Home and
 * End jump to the ends.
 */
export function ScoreScale({ value, onChange, labelledBy, strings, scores = SCORES, labels }: ScoreScaleProps) {
  const last = scores.length - 1;
  const tabStop = Math.max(0, scores.indexOf(value!));

  /** Choose the score at `index` and focus it: the focus follows arrow keys, and Safari does not focus a clicked button. */
  function choose(group: Element, index: number) {
    onChange(scores[index]!);
    (group.children[index] as HTMLElement).focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const group = event.currentTarget as Element;
    const from = [...group.children].indexOf(event.target as Element);
    // Taken modulo the count below: one back from the first is the last, one forward from the last the first.
    const back = from + last;
    const forward = from + 1;
    const rtl = strings.dir === 'rtl';
    const targets: Record<string, number | undefined> = {
      ArrowRight: rtl ? back : forward,
      ArrowLeft: rtl ? forward : back,
      ArrowDown: forward,
      ArrowUp: back,
      Home: 0,
      End: last,
    };
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    choose(group, next % scores.length);
  }

  return (
    <>
      <div role="radiogroup" aria-labelledby={labelledBy} class={labels ? 'scale labelled' : 'scale'} onKeyDown={onKeyDown}>
        {scores.map((score, index) => (
          <button
            key={score}
            type="button"
            role="radio"
            aria-checked={value === score}
            aria-label={
              labels ? `${score} — ${labels[index]}` : index === 0 ? `${score} — ${strings.not_likely}` : index === last ? `${score} — ${strings.very_likely}` : undefined
            }
            tabIndex={index === tabStop ? 0 : -1}
            data-focus={index === tabStop || undefined}
            onClick={(event) => choose(event.currentTarget.parentElement!, index)}
          >
            {score}
            {labels && <small aria-hidden="true">{labels[index]}</small>}
          </button>
        ))}
      </div>
      {!labels && (
        <div class="anchors" aria-hidden="true">
          <span>{strings.not_likely}</span>
          <span>{strings.very_likely}</span>
        </div>
      )}
    </>
  );
}
