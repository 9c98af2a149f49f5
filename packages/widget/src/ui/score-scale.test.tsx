import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScoreScale } from './score-scale.tsx';
import ar from './strings/ar.ts';
import en from './strings/en.ts';
import type { Strings } from './strings/index.ts';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function Harness({ strings }: { strings: Strings }) {
  const [value, setValue] = useState<number>();
  return (
    <>
      <p id="q">How likely?</p>
      <ScoreScale value={value} onChange={setValue} labelledBy="q" strings={strings} />
    </>
  );
}

const radios = () => [...container.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
const checked = () => radios().findIndex((radio) => radio.getAttribute('aria-checked') === 'true');
const tabStops = () => radios().flatMap((radio, score) => (radio.tabIndex === 0 ? [score] : []));

function press(key: string) {
  act(() => {
    (document.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

function mount(strings: Strings = en) {
  act(() => render(<Harness strings={strings} />, container));
  act(() => radios()[0]!.focus());
}

describe('ScoreScale', () => {
  it('is one labelled radio group of 0-10 with named ends', () => {
    mount();
    const group = container.querySelector('[role="radiogroup"]')!;
    expect(group.getAttribute('aria-labelledby')).toBe('q');
    expect(radios().map((radio) => radio.textContent)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(radios()[0]!.getAttribute('aria-label')).toBe('0 — not at all likely');
    expect(radios()[10]!.getAttribute('aria-label')).toBe('10 — extremely likely');
    expect(radios()[5]!.hasAttribute('aria-label')).toBe(false);
  });

  it('has a single tab stop, on 0 until a score is chosen', () => {
    mount();
    expect(tabStops()).toEqual([0]);
    expect(checked()).toBe(-1);
  });

  it('moves and chooses with the arrow keys, wrapping at the ends, and keeps focus on the choice', () => {
    mount();
    press('ArrowRight');
    expect(checked()).toBe(1);
    expect(document.activeElement).toBe(radios()[1]);
    expect(tabStops()).toEqual([1]);
    press('ArrowDown');
    expect(checked()).toBe(2);
    press('ArrowUp');
    press('ArrowLeft');
    expect(checked()).toBe(0);
    press('ArrowLeft');
    expect(checked()).toBe(10);
    expect(document.activeElement).toBe(radios()[10]);
    press('ArrowRight');
    expect(checked()).toBe(0);
  });

  it('jumps to the ends with Home and End', () => {
    mount();
    press('End');
    expect(checked()).toBe(10);
    press('Home');
    expect(checked()).toBe(0);
  });

  it('chooses on click', () => {
    mount();
    act(() => radios()[7]!.click());
    expect(checked()).toBe(7);
    expect(tabStops()).toEqual([7]);
  });

  it('mirrors left and right in right-to-left text', () => {
    mount(ar);
    press('ArrowLeft');
    expect(checked()).toBe(1);
    press('ArrowRight');
    expect(checked()).toBe(0);
  });

  it('ignores other keys', () => {
    mount();
    press('a');
    expect(checked()).toBe(-1);
  });
});
