import type { CsatSurvey } from '@heed/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CsatPrompt } from './csat-prompt.tsx';
import ar from './strings/ar.ts';
import strings from './strings/en.ts';
import type { Strings } from './strings/index.ts';
import type { SubmitAnswer } from './submit-answer.ts';

const survey: CsatSurvey = {
  id: 'export-csat',
  project: 'pk_demo',
  productArea: 'export',
  active: true,
  kind: 'csat',
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 0,
  placement: 'bottom-right',
  events: [],
};

let container: HTMLElement;
let onSubmit: ReturnType<typeof vi.fn<SubmitAnswer>>;
let onSnooze: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  onSubmit = vi.fn();
  onSnooze = vi.fn();
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(overrides: Partial<CsatSurvey> = {}, language: Strings = strings) {
  act(() =>
    render(<CsatPrompt survey={{ ...survey, ...overrides }} strings={language} onSubmit={onSubmit} onDismiss={() => {}} onSnooze={onSnooze} />, container),
  );
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const radios = () => [...container.querySelectorAll<HTMLButtonElement>('[role="radio"]')];
const key = (target: Element, name: string) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true })));
const submit = () => act(() => void $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));

describe('CsatPrompt', () => {
  it('asks the default question with five labelled choices in one radio group', () => {
    mount();
    expect($('h2')!.textContent).toBe('How satisfied are you with our product?');
    const group = $('[role="radiogroup"]')!;
    expect(group.getAttribute('aria-labelledby')).toBe('heed-title');
    expect(radios().map((radio) => radio.getAttribute('aria-label'))).toEqual([
      '1 — Very unsatisfied',
      '2 — Unsatisfied',
      '3 — Neutral',
      '4 — Satisfied',
      '5 — Very satisfied',
    ]);
    expect(radios().map((radio) => radio.tabIndex)).toEqual([0, -1, -1, -1, -1]);
    expect($('.anchors')).toBeNull();
    // Nothing to send before a choice.
    expect($('textarea')).toBeNull();
    expect($('.primary')).toBeNull();
  });

  it('moves and chooses with the arrow keys, a roving tab stop, wrapping at the ends', () => {
    mount();
    key(radios()[0]!, 'ArrowRight');
    expect(radios()[1]!.getAttribute('aria-checked')).toBe('true');
    expect(radios().map((radio) => radio.tabIndex)).toEqual([-1, 0, -1, -1, -1]);
    expect(document.activeElement).toBe(radios()[1]);
    key(radios()[1]!, 'End');
    expect(radios()[4]!.getAttribute('aria-checked')).toBe('true');
    key(radios()[4]!, 'ArrowDown');
    expect(radios()[0]!.getAttribute('aria-checked')).toBe('true');
    key(radios()[0]!, 'ArrowUp');
    expect(radios()[4]!.getAttribute('aria-checked')).toBe('true');
    key(radios()[4]!, 'Home');
    expect(radios()[0]!.getAttribute('aria-checked')).toBe('true');
  });

  it('mirrors left and right in right-to-left text', () => {
    mount({}, ar);
    key(radios()[2]!, 'ArrowLeft');
    expect(radios()[3]!.getAttribute('aria-checked')).toBe('true');
  });

  it('sends the score with the comment, worded as configured, then thanks', () => {
    mount({ question: 'How satisfied are you with exporting?', followUp: 'What would make exporting better?' });
    expect($('h2')!.textContent).toBe('How satisfied are you with exporting?');
    act(() => radios()[1]!.click());
    expect($('label[for="heed-comment"]')!.textContent).toBe('What would make exporting better?');
    const textarea = $<HTMLTextAreaElement>('textarea')!;
    act(() => {
      textarea.value = '  PDF export is slow ';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    submit();
    expect(onSubmit).toHaveBeenCalledWith({ score: 2, comment: 'PDF export is slow' }, expect.any(Function));
    expect(radios()).toHaveLength(0);
    act(() => onSubmit.mock.calls[0]![1](true));
    expect($('[aria-live="polite"]')!.textContent).toBe(strings.thank_you);
  });

  it('sends a score alone, and says when the answer could not be sent', () => {
    mount();
    act(() => radios()[4]!.click());
    expect($('label[for="heed-comment"]')!.textContent).toBe(strings.csat_follow_up);
    submit();
    expect(onSubmit).toHaveBeenCalledWith({ score: 5 }, expect.any(Function));
    act(() => onSubmit.mock.calls[0]![1](false));
    expect($('.thanks.error')!.textContent).toBe(strings.not_sent);
  });

  it('snoozes on "Ask me later"', () => {
    mount();
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === strings.later_button)!.click());
    expect(onSnooze).toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
