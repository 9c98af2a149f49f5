import type { Answers, CancelSurvey } from '@heed/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelForm } from './cancel-form.tsx';
import { strings } from './strings/en.ts';

const survey: CancelSurvey = {
  id: 'portal-cancel',
  project: 'pk_demo',
  productArea: 'billing',
  active: true,
  kind: 'cancel',
  reasons: [
    { id: 'too-expensive', label: 'Too expensive' },
    { id: 'missing-features', label: 'Missing features I need' },
  ],
};

let container: HTMLElement;
let onSubmit: ReturnType<typeof vi.fn<(answers: Answers) => void>>;
let onSkip: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  onSubmit = vi.fn();
  onSkip = vi.fn();
  act(() => render(<CancelForm survey={survey} strings={strings} onSubmit={onSubmit} onSkip={onSkip} />, container));
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const radios = () => [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
const submit = () => act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });

describe('CancelForm', () => {
  it('groups the reasons as labelled radios under the question', () => {
    expect($('fieldset > legend')?.textContent).toBe(strings.cancelQuestion);
    expect(radios().map((radio) => radio.closest('label')?.textContent)).toEqual(['Too expensive', 'Missing features I need']);
    expect(radios().every((radio) => radio.required && radio.name === 'reason')).toBe(true);
  });

  it('requires a reason, with an error tied to the group and focus on the first choice', () => {
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    const error = $('#heed-reason-error')!;
    expect(error.textContent).toBe(strings.reasonRequired);
    expect($('fieldset')!.getAttribute('aria-describedby')).toBe('heed-reason-error');
    expect(radios().every((radio) => radio.getAttribute('aria-invalid') === 'true')).toBe(true);
    expect(document.activeElement).toBe(radios()[0]);
  });

  it('clears the error once a reason is chosen', () => {
    submit();
    act(() => radios()[1]!.click());
    expect($('#heed-reason-error')).toBeNull();
    expect($('fieldset')!.hasAttribute('aria-describedby')).toBe(false);
  });

  it('submits the reason and the comment, then thanks with focus on the message', () => {
    act(() => radios()[0]!.click());
    const textarea = $<HTMLTextAreaElement>('textarea')!;
    act(() => {
      textarea.value = 'Half the price elsewhere';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ reason: 'too-expensive', comment: 'Half the price elsewhere' });
    const thanks = $('[aria-live="polite"]')!;
    expect(thanks.textContent).toBe(strings.thanks);
    expect(document.activeElement).toBe(thanks);
    expect($('fieldset')).toBeNull();
  });

  it('can be skipped', () => {
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === strings.skip)!.click());
    expect(onSkip).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
