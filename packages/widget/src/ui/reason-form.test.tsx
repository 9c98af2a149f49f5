import type { CancelSurvey, UninstallSurvey } from '@heed/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReasonForm, type ReasonFormProps } from './reason-form.tsx';
import strings from './strings/en.ts';
import type { SubmitAnswer } from './submit-answer.ts';

const cancel: CancelSurvey = {
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
const uninstall: UninstallSurvey = {
  id: 'extension-exit',
  project: 'pk_demo',
  productArea: 'extension',
  active: true,
  kind: 'uninstall',
  reasons: [
    { id: 'not-useful', label: "I didn't find it useful" },
    { id: 'too-slow', label: 'It slowed my browser down' },
    { id: 'privacy', label: 'Privacy concerns' },
  ],
};

let container: HTMLElement;
let onSubmit: ReturnType<typeof vi.fn<SubmitAnswer>>;
/** What the form was told about the last answer it handed over. */
const tell = (thanks: boolean) => act(() => onSubmit.mock.calls.at(-1)![1](thanks));
let onSkip: ReturnType<typeof vi.fn<() => void>>;

function mount(props: Pick<ReasonFormProps, 'survey' | 'onSkip'>) {
  act(() => render(<ReasonForm strings={strings} onSubmit={onSubmit} {...props} />, container));
}

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  onSubmit = vi.fn();
  onSkip = vi.fn();
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const choices = () => [...container.querySelectorAll<HTMLInputElement>('input')];
const submit = () =>
  act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
function type(text: string) {
  const textarea = $<HTMLTextAreaElement>('textarea')!;
  act(() => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('ReasonForm for a cancel survey', () => {
  beforeEach(() => mount({ survey: cancel, onSkip }));

  it('groups the reasons as labelled radios under the question, none of them required: a comment may say it all', () => {
    expect($('h1')).toBeNull();
    expect($('fieldset > legend#heed-title')?.textContent).toBe(strings.cancel_question);
    expect(choices().map((radio) => radio.closest('label')?.textContent)).toEqual(['Too expensive', 'Missing features I need']);
    expect(choices().every((radio) => radio.type === 'radio' && !radio.required && radio.name === 'reason')).toBe(true);
  });

  it('wants a reason or a comment, with an error tied to the group and focus on the first choice', () => {
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    const error = $('#heed-reason-error')!;
    expect(error.textContent).toBe(strings.reason_or_comment);
    expect($('fieldset')!.getAttribute('aria-describedby')).toBe('heed-reason-error');
    expect(choices().every((radio) => radio.getAttribute('aria-invalid') === 'true')).toBe(true);
    expect(document.activeElement).toBe(choices()[0]);
  });

  it('keeps the error while the comment is blank, and clears it once a reason is chosen', () => {
    submit();
    type('   ');
    expect($('#heed-reason-error')).not.toBeNull();
    act(() => choices()[1]!.click());
    expect($('#heed-reason-error')).toBeNull();
    expect($('fieldset')!.hasAttribute('aria-describedby')).toBe(false);
    expect(choices().some((radio) => radio.hasAttribute('aria-invalid'))).toBe(false);
  });

  it('sends a comment alone, as the collector accepts', () => {
    type(' Moving to another tool ');
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ comment: 'Moving to another tool' }, expect.any(Function));
  });

  it('submits one reason and the comment, then thanks once told to, with focus on the message', () => {
    act(() => choices()[1]!.click());
    act(() => choices()[0]!.click());
    type(' Half the price elsewhere ');
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ reason: 'too-expensive', comment: 'Half the price elsewhere' }, expect.any(Function));
    const thanks = $('[aria-live="polite"]')!;
    expect(document.activeElement).toBe(thanks);
    expect($('fieldset')).toBeNull();
    // Nothing is said until the collector had its say.
    expect(thanks.textContent).toBe('');
    tell(true);
    expect(thanks.textContent).toBe(strings.thank_you);
  });

  it('says the answer could not be sent when the collector refused it, even after thanking', () => {
    act(() => choices()[0]!.click());
    submit();
    tell(true);
    tell(false);
    const message = $('[aria-live="polite"]')!;
    expect(message.textContent).toBe(strings.not_sent);
    expect(message.textContent).not.toContain(strings.thank_you);
    expect(message.classList.contains('error')).toBe(true);
  });

  it('can be skipped', () => {
    act(() => [...container.querySelectorAll('button')].find((b) => b.textContent === strings.skip_button)!.click());
    expect(onSkip).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('ReasonForm for an uninstall survey', () => {
  beforeEach(() => mount({ survey: uninstall }));

  it('titles the page and lists the reasons as checkboxes, with no skip', () => {
    expect($('h1#heed-title')?.textContent).toBe(strings.uninstall_title);
    expect($('legend#heed-reasons')?.textContent).toBe(strings.uninstall_question);
    expect(choices().map((box) => box.type)).toEqual(['checkbox', 'checkbox', 'checkbox']);
    expect(choices().some((box) => box.required)).toBe(false);
    expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toEqual([strings.submit_button]);
  });

  it('wants a reason or a comment before sending', () => {
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect($('#heed-reason-error')?.textContent).toBe(strings.reason_or_comment);
    expect(document.activeElement).toBe(choices()[0]);
    type('   ');
    expect($('#heed-reason-error')).not.toBeNull();
    type('It broke my tabs');
    expect($('#heed-reason-error')).toBeNull();
  });

  it('sends several reasons, in the order chosen, after unchecking one', () => {
    act(() => choices()[2]!.click());
    act(() => choices()[0]!.click());
    act(() => choices()[1]!.click());
    act(() => choices()[0]!.click());
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ reasons: ['privacy', 'too-slow'] }, expect.any(Function));
    tell(true);
    expect($('[aria-live="polite"]')?.textContent).toBe(strings.thank_you);
  });

  it('sends a comment alone', () => {
    type(' Found a better one ');
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ comment: 'Found a better one' }, expect.any(Function));
  });
});
