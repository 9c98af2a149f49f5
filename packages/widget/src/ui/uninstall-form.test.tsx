import type { Answers, UninstallSurvey } from '@heed/shared';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { strings } from './strings/en.ts';
import { UninstallForm } from './uninstall-form.tsx';

const survey: UninstallSurvey = {
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
let onSubmit: ReturnType<typeof vi.fn<(answers: Answers) => void>>;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  onSubmit = vi.fn();
  act(() => render(<UninstallForm survey={survey} strings={strings} onSubmit={onSubmit} />, container));
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const boxes = () => [...container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
const submit = () => act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
function type(text: string) {
  const textarea = $<HTMLTextAreaElement>('textarea')!;
  act(() => {
    textarea.value = text;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('UninstallForm', () => {
  it('titles the page and lists the reasons as checkboxes', () => {
    expect($('h1#heed-title')?.textContent).toBe(strings.uninstallTitle);
    expect($('legend')?.textContent).toBe(strings.uninstallQuestion);
    expect(boxes()).toHaveLength(3);
  });

  it('wants a reason or a comment before sending', () => {
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect($('#heed-reason-error')?.textContent).toBe(strings.reasonOrComment);
    expect(document.activeElement).toBe(boxes()[0]);
    type('It broke my tabs');
    expect($('#heed-reason-error')).toBeNull();
  });

  it('sends several reasons, in the order chosen, after unchecking one', () => {
    act(() => boxes()[2]!.click());
    act(() => boxes()[0]!.click());
    act(() => boxes()[1]!.click());
    act(() => boxes()[0]!.click());
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ reasons: ['privacy', 'too-slow'] });
    expect($('[aria-live="polite"]')?.textContent).toBe(strings.thanks);
  });

  it('sends a comment alone', () => {
    type(' Found a better one ');
    submit();
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({ comment: 'Found a better one' });
  });
});
