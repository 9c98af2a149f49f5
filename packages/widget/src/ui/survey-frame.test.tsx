import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Placement, SurveyFrame } from './survey-frame.tsx';

let container: HTMLElement;
let opener: HTMLButtonElement;
beforeEach(() => {
  opener = document.createElement('button');
  opener.textContent = 'Cancel my plan';
  container = document.createElement('div');
  document.body.append(opener, container);
  opener.focus();
});
afterEach(() => {
  render(null, container);
  container.remove();
  opener.remove();
});

function mount(placement: Placement, onEscape?: () => void, takeFocus?: boolean) {
  act(() =>
    render(
      <SurveyFrame placement={placement} labelledBy="t" lang="en" dir="ltr" onEscape={onEscape} takeFocus={takeFocus}>
        <h2 id="t">Title</h2>
        <button id="first">First</button>
        <button id="middle" data-focus>
          Middle
        </button>
        <button id="last">Last</button>
      </SurveyFrame>,
      container,
    ),
  );
}

const panel = () => container.querySelector<HTMLElement>('.panel')!;
function press(key: string, shiftKey = false) {
  const event = new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true });
  act(() => {
    (document.activeElement as HTMLElement).dispatchEvent(event);
  });
  return event;
}

describe('SurveyFrame', () => {
  it('is a non-modal dialog in the corner and a modal one in the center', () => {
    mount('bottom-right');
    expect(panel().getAttribute('role')).toBe('dialog');
    expect(panel().hasAttribute('aria-modal')).toBe(false);
    expect(panel().getAttribute('aria-labelledby')).toBe('t');
    mount('center');
    expect(panel().getAttribute('role')).toBe('dialog');
    expect(panel().getAttribute('aria-modal')).toBe('true');
    expect(panel().parentElement?.className).toBe('backdrop');
  });

  it('is a region inline and on a page of its own', () => {
    mount('inline');
    expect(panel().getAttribute('role')).toBe('region');
    render(null, container);
    mount('page');
    expect(panel().getAttribute('role')).toBe('region');
  });

  it('moves focus in on open and gives it back on close', () => {
    mount('bottom-right');
    expect(document.activeElement?.id).toBe('middle');
    act(() => render(null, container));
    expect(document.activeElement).toBe(opener);
  });

  it('leaves focus alone when it opened by itself, says its name in a live region, and does not take focus on close', async () => {
    mount('bottom-right', undefined, false);
    expect(document.activeElement).toBe(opener);
    const status = container.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('');
    await vi.waitFor(() => expect(status.textContent).toBe('Title'));
    const elsewhere = document.body.appendChild(document.createElement('input'));
    elsewhere.focus();
    act(() => render(null, container));
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('leaves focus alone on a page of its own', () => {
    mount('page');
    expect(document.activeElement).toBe(opener);
  });

  it('calls onEscape on Escape', () => {
    const onEscape = vi.fn();
    mount('bottom-right', onEscape);
    press('Escape');
    expect(onEscape).toHaveBeenCalledOnce();
  });

  it('keeps Tab inside the modal', () => {
    mount('center');
    act(() => container.querySelector<HTMLElement>('#last')!.focus());
    expect(press('Tab').defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('first');
    expect(press('Tab', true).defaultPrevented).toBe(true);
    expect(document.activeElement?.id).toBe('last');
    act(() => container.querySelector<HTMLElement>('#first')!.focus());
    expect(press('Tab').defaultPrevented).toBe(false);
  });

  it('lets Tab leave the slide-in', () => {
    mount('bottom-right');
    act(() => container.querySelector<HTMLElement>('#last')!.focus());
    expect(press('Tab').defaultPrevented).toBe(false);
  });
});
