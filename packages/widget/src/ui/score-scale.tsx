import type { Strings } from './strings/index.ts';

export interface ScoreScaleProps {
  value?: number;
  onChange: (score: number) => void;
  /** Id of the question the scale answers. */
  labelledBy: string;
  strings: Strings;
}

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * The 0-10 scale as one radio group with a roving tabindex: Tab enters at the chosen score (or 0),
 * arrow keys move and choose (mirrored left/right in right-to-left text), Home and End jump to the ends.
 */
export function ScoreScale({ value, onChange, labelledBy, strings }: ScoreScaleProps) {
  const tabStop = value ?? 0;

  /** Choose `score` and focus it: the focus follows arrow keys, and Safari does not focus a clicked button. */
  function choose(group: Element, score: number) {
    onChange(score);
    (group.children[score] as HTMLElement).focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const group = event.currentTarget as Element;
    const from = [...group.children].indexOf(event.target as Element);
    // Taken modulo 11 below: one back from 0 is 10, one forward from 10 is 0.
    const back = from + 10;
    const forward = from + 1;
    const rtl = strings.dir === 'rtl';
    const targets: Record<string, number | undefined> = {
      ArrowRight: rtl ? back : forward,
      ArrowLeft: rtl ? forward : back,
      ArrowDown: forward,
      ArrowUp: back,
      Home: 0,
      End: 10,
    };
    const next = targets[event.key];
    if (next === undefined) return;
    event.preventDefault();
    choose(group, next % 11);
  }

  return (
    <>
      <div role="radiogroup" aria-labelledby={labelledBy} class="scale" onKeyDown={onKeyDown}>
        {SCORES.map((score) => (
          <button
            key={score}
            type="button"
            role="radio"
            aria-checked={value === score}
            aria-label={score === 0 ? `0 — ${strings.not_likely}` : score === 10 ? `10 — ${strings.very_likely}` : undefined}
            tabIndex={score === tabStop ? 0 : -1}
            data-focus={score === tabStop || undefined}
            onClick={(event) => choose(event.currentTarget.parentElement!, score)}
          >
            {score}
          </button>
        ))}
      </div>
      <div class="anchors" aria-hidden="true">
        <span>{strings.not_likely}</span>
        <span>{strings.very_likely}</span>
      </div>
    </>
  );
}
