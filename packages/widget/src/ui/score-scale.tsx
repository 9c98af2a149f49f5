import { useRef } from 'preact/hooks';
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
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const tabStop = value ?? 0;

  function choose(score: number) {
    onChange(score);
    buttons.current[score]?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const from = Number((event.target as HTMLElement).dataset.score);
    const forward = strings.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = strings.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const next =
      event.key === forward || event.key === 'ArrowDown'
        ? (from + 1) % 11
        : event.key === backward || event.key === 'ArrowUp'
          ? (from + 10) % 11
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? 10
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    choose(next);
  }

  return (
    <>
      <div role="radiogroup" aria-labelledby={labelledBy} class="scale" onKeyDown={onKeyDown}>
        {SCORES.map((score) => (
          <button
            key={score}
            ref={(button) => {
              buttons.current[score] = button;
            }}
            type="button"
            role="radio"
            aria-checked={value === score}
            aria-label={score === 0 ? `0 — ${strings.notLikely}` : score === 10 ? `10 — ${strings.veryLikely}` : undefined}
            tabIndex={score === tabStop ? 0 : -1}
            data-score={score}
            data-focus={score === tabStop || undefined}
            onClick={() => choose(score)}
          >
            {score}
          </button>
        ))}
      </div>
      <div class="anchors" aria-hidden="true">
        <span>{strings.notLikely}</span>
        <span>{strings.veryLikely}</span>
      </div>
    </>
  );
}
