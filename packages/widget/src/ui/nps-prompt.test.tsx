import type { NpsSurvey } from '@heed/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NpsPrompt } from './nps-prompt.tsx';
import strings from './strings/en.ts';
import type { SubmitAnswer } from './submit-answer.ts';

const survey: NpsSurvey = {
  id: 'app-nps',
  project: 'pk_demo',
  productArea: 'editor',
  active: true,
  kind: 'nps',
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 0,
  placement: 'bottom-right',
  events: [],
};

let container: HTMLElement;
let onSubmit: ReturnType<typeof vi.fn<SubmitAnswer>>;
let onDismiss: ReturnType<typeof vi.fn<() => void>>;
let onSnooze: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  onSubmit = vi.fn();
  onDismiss = vi.fn();
  onSnooze = vi.fn();
});
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(overrides: Partial<NpsSurvey> = {}) {
  act(() =>
    render(
      <NpsPrompt survey={{ ...survey, ...overrides }} strings={strings} onSubmit={onSubmit} onDismiss={onDismiss} onSnooze={onSnooze} />,
      container,
    ),
  );
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
const choose = (score: number) => act(() => container.querySelectorAll<HTMLButtonElement>('[role="radio"]')[score]!.click());
const followUpLabel = () => $('label[for="heed-comment"]')?.textContent;
function type(text: string) {
  const textarea = $<HTMLTextAreaElement>('textarea')!;
  act(() => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const submit = () => act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });

describe('NpsPrompt', () => {
  it('asks the question, labelling the scale with it', () => {
    mount();
    expect($('h2#heed-title')?.textContent).toBe(strings.nps_question);
    expect($('[role="radiogroup"]')?.getAttribute('aria-labelledby')).toBe('heed-title');
  });

  it('uses the survey own question when it has one', () => {
    mount({ question: 'Would you recommend Acme Docs?' });
    expect($('h2')?.textContent).toBe('Would you recommend Acme Docs?');
  });

  it('offers no comment and no submit before a score is chosen', () => {
    mount();
    expect($('textarea')).toBeNull();
    expect(button(strings.submit_button)).toBeUndefined();
  });

  it('words the follow-up for the score category', () => {
    mount();
    choose(3);
    expect(followUpLabel()).toBe(strings.follow_up.detractor);
    choose(8);
    expect(followUpLabel()).toBe(strings.follow_up.passive);
    choose(10);
    expect(followUpLabel()).toBe(strings.follow_up.promoter);
  });

  it('takes the follow-up wording from the survey when configured', () => {
    mount({ followUp: { detractor: 'What went wrong?' } });
    choose(0);
    expect(followUpLabel()).toBe('What went wrong?');
    choose(9);
    expect(followUpLabel()).toBe(strings.follow_up.promoter);
  });

  it('submits the score with the trimmed comment, then thanks in a live region once told to', () => {
    mount();
    const live = $('[aria-live="polite"]')!;
    expect(live.textContent).toBe('');
    choose(4);
    type('  Too slow on big files ');
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ score: 4, comment: 'Too slow on big files' }, expect.any(Function));
    expect($('[aria-live="polite"]')).toBe(live);
    expect(live.textContent).toBe('');
    act(() => onSubmit.mock.calls[0]![1](true));
    expect(live.textContent).toBe(strings.thank_you);
    expect($('[role="radiogroup"]')).toBeNull();
    expect(document.activeElement).toBe(button(strings.close_button));
  });

  it('leaves out an empty comment', () => {
    mount();
    choose(9);
    type('   ');
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ score: 9 }, expect.any(Function));
  });

  it('says the answer could not be sent, and never thanks, when the collector refused it', () => {
    mount();
    choose(2);
    submit();
    act(() => onSubmit.mock.calls[0]![1](false));
    expect($('[aria-live="polite"]')?.textContent).toBe(strings.not_sent);
  });

  it('dismisses with the close button and snoozes with "ask me later"', () => {
    mount();
    act(() => button(strings.close_button)!.click());
    expect(onDismiss).toHaveBeenCalledOnce();
    act(() => button(strings.later_button)!.click());
    expect(onSnooze).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
