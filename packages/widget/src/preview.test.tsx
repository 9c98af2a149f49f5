import type { CancelSurvey, CsatSurvey, NpsSurvey, UninstallSurvey } from '@heed/shared';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearPreview, renderPreview, shownAs } from './preview.tsx';
import strings from './ui/strings/en.ts';

const nps: NpsSurvey = {
  id: 'app-nps',
  project: 'pk_demo',
  productArea: 'editor',
  active: true,
  kind: 'nps',
  recontactDays: 90,
  sampleRate: 1,
  delayMs: 0,
  placement: 'center',
  events: [],
};
const csat: CsatSurvey = { ...nps, id: 'export-csat', kind: 'csat', placement: 'bottom-right' } as CsatSurvey;
const cancel: CancelSurvey = {
  id: 'portal-cancel',
  project: 'pk_demo',
  productArea: 'billing',
  active: true,
  kind: 'cancel',
  reasons: [{ id: 'too-expensive', label: 'Too expensive' }],
};
const uninstall: UninstallSurvey = { ...cancel, id: 'extension-exit', kind: 'uninstall' };

let host: HTMLDivElement;
let field: HTMLInputElement;
let fetchSpy: ReturnType<typeof vi.fn>;
const shadow = () => host.shadowRoot!;
const $ = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector<T>(selector);
const button = (text: string) => [...shadow().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === text || b.getAttribute('aria-label') === text);
const submit = () =>
  act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });

beforeEach(() => {
  vi.useFakeTimers();
  // What a real survey would send with: none of it may be used.
  fetchSpy = vi.fn(() => Promise.reject(new Error('a preview sends nothing')));
  vi.stubGlobal('fetch', fetchSpy);
  vi.stubGlobal('navigator', { ...navigator, sendBeacon: fetchSpy });
  field = document.createElement('input');
  host = document.createElement('div');
  document.body.append(field, host);
  field.focus();
});
afterEach(() => {
  clearPreview(host);
  host.remove();
  field.remove();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('renderPreview', () => {
  it('draws the widget in an open shadow root styled by its stylesheet, without taking the focus or trapping it', () => {
    act(() => renderPreview(host, { survey: nps }));
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(shadow().adoptedStyleSheets).toHaveLength(1);
    expect($('#heed-title')?.textContent).toBe(strings.nps_question);
    // Drawn where it would appear, as a region: not the modal dialog a centered survey is in a product.
    expect(host.dataset.shownAs).toBe('center');
    const panel = $('.panel')!;
    expect(panel.getAttribute('role')).toBe('region');
    expect(panel.hasAttribute('aria-modal')).toBe(false);
    expect($('.backdrop')).toBeNull();
    expect(document.activeElement).toBe(field);
  });

  it('updates in place: new wording shows while what was chosen stays', () => {
    act(() => renderPreview(host, { survey: nps }));
    act(() => shadow().querySelectorAll<HTMLButtonElement>('[role="radio"]')[9]!.click());
    field.focus();
    act(() => renderPreview(host, { survey: { ...nps, question: 'Would you recommend the editor?', followUp: { promoter: 'What do you love?' } } }));
    expect($('#heed-title')?.textContent).toBe('Would you recommend the editor?');
    expect($('label[for="heed-comment"]')?.textContent).toBe('What do you love?');
    expect($('[aria-checked="true"]')?.textContent).toBe('9');
    expect(document.activeElement).toBe(field);
  });

  it('hands an answer to the caller and thanks, sending nothing', async () => {
    const onEnd = vi.fn();
    act(() => renderPreview(host, { survey: csat, onEnd }));
    act(() => shadow().querySelectorAll<HTMLButtonElement>('[role="radio"]')[3]!.click());
    submit();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(onEnd).toHaveBeenCalledExactlyOnceWith({ answers: { score: 4 } });
    expect($('.thanks')?.textContent).toBe(strings.thank_you);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('closes on "Ask me later" and the close button as in a product, telling the caller how', () => {
    const onEnd = vi.fn();
    act(() => renderPreview(host, { survey: nps, onEnd }));
    act(() => button(strings.later_button)!.click());
    expect(onEnd).toHaveBeenLastCalledWith({ closed: 'snoozed' });
    expect($('form')).toBeNull();
    act(() => renderPreview(host, { survey: nps, onEnd }));
    act(() => button(strings.close_button)!.click());
    expect(onEnd).toHaveBeenLastCalledWith({ closed: 'dismissed' });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('offers a cancel form inline with "Skip", and an uninstall survey on its page, reasons as given', () => {
    const onEnd = vi.fn();
    act(() => renderPreview(host, { survey: { ...cancel, reasons: [{ id: 'price', label: 'The price went up' }] }, onEnd }));
    expect(host.dataset.shownAs).toBe('inline');
    expect(shadow().querySelector('label.choice')?.textContent).toBe('The price went up');
    act(() => button(strings.skip_button)!.click());
    expect(onEnd).toHaveBeenCalledWith({ closed: 'dismissed' });

    act(() => renderPreview(host, { survey: uninstall, onEnd }));
    expect(host.dataset.shownAs).toBe('page');
    expect($('.panel')?.classList.contains('page')).toBe(true);
    expect($('h1')?.textContent).toBe(strings.uninstall_title);
    expect(button(strings.skip_button)).toBeUndefined();
  });
});

describe('shownAs', () => {
  it('puts NPS and CSAT where their placement says, a cancel form inline, an uninstall survey on a page', () => {
    expect(shownAs({ ...nps, placement: 'bottom-right' })).toBe('bottom-right');
    expect(shownAs({ ...nps, placement: 'inline' })).toBe('inline');
    expect(shownAs(csat)).toBe('bottom-right');
    expect(shownAs(cancel)).toBe('inline');
    expect(shownAs(uninstall)).toBe('page');
  });
});
