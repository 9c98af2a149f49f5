import type { CancelSurvey, NpsSurvey } from '@heed/shared';
import { act } from 'preact/test-utils';
import { type Mock, afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_KEY } from '../transport.ts';
import type { ShowResult } from '../api.ts';
import type { OpenRequest } from './open-survey.tsx';
import strings from './strings/en.ts';

const nps: NpsSurvey = {
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
const cancel: CancelSurvey = {
  id: 'portal-cancel',
  project: 'pk_demo',
  productArea: 'billing',
  active: true,
  kind: 'cancel',
  reasons: [{ id: 'too-expensive', label: 'Too expensive' }],
};

interface Posted {
  url: string;
  body: Record<string, unknown>;
}

/**
 * The collector as seen from the browser: answers 202, or fails while `offline`. Every test speaks as
 * its own anonymous person, and only that person's requests are recorded: transports of earlier
 * tests may still be retrying in the background.
 */
let posted: Posted[];
let offline: boolean;
/** A status the collector answers answers with instead of 202, as when it refuses them. */
let refusal: number | undefined;
let person: string;
let openSurvey: (request: OpenRequest) => Promise<ShowResult>;
let opener: HTMLButtonElement;

beforeAll(() => {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (offline) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init.body));
    if (body.respondent?.anonymousId === person) posted.push({ url, body });
    if (refusal && url.endsWith('/v1/responses')) return new Response('{}', { status: refusal });
    return new Response(JSON.stringify({ id: 'resp_1', duplicate: false }), { status: 202 });
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

beforeEach(async () => {
  posted = [];
  offline = false;
  refusal = undefined;
  person = crypto.randomUUID();
  localStorage.clear();
  // A fresh page: new transport, nothing queued.
  vi.resetModules();
  ({ openSurvey } = await import('./open-survey.tsx'));
  opener = document.createElement('button');
  document.body.append(opener);
  opener.focus();
});
afterEach(() => {
  document.body.replaceChildren();
});

/** What each record handed to `remember` makes of an empty memory at time 1: which display it keeps. */
function records(remember: Mock<NonNullable<OpenRequest['remember']>>): string[] {
  return remember.mock.calls.map(([record]) => Object.keys(record({}, 'app-nps', 1)).join('+'));
}

function open(overrides: Partial<OpenRequest> = {}) {
  return openSurvey({
    survey: nps,
    endpoint: 'https://collector.test',
    project: 'pk_demo',
    user: { userId: 'u_1', plan: 'saas' },
    anonymousId: person,
    timeoutMs: 200,
    ...overrides,
  });
}

/** Let Preact render and pending requests go out. */
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Wait for the survey to appear (strings and the survey's chunks load lazily). */
async function opened() {
  await vi.waitFor(() => expect(document.querySelector('heed-survey')).not.toBeNull());
  await settle();
}

const host = () => document.querySelector<HTMLElement>('heed-survey');
const shadow = () => host()!.shadowRoot!;
const $ = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector<T>(selector);
const displays = () => posted.filter((post) => post.url.endsWith('/v1/displays')).map((post) => post.body.event);
const responses = () => posted.filter((post) => post.url.endsWith('/v1/responses')).map((post) => post.body);
const press = (key: string) =>
  act(() => {
    shadow().activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
function answerNps(score: number) {
  act(() => shadow().querySelectorAll<HTMLButtonElement>('[role="radio"]')[score]!.click());
  act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('openSurvey', () => {
  it('renders in one open shadow root, styled without touching <head>, as a dialog that takes focus', async () => {
    const headBefore = document.head.innerHTML;
    void open();
    await opened();
    expect(document.querySelectorAll('heed-survey')).toHaveLength(1);
    expect(host()!.shadowRoot!.mode).toBe('open');
    expect(shadow().adoptedStyleSheets).toHaveLength(1);
    expect(document.head.innerHTML).toBe(headBefore);
    const dialog = $('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('heed-title');
    expect(dialog.getAttribute('lang')).toBe('en');
    expect(shadow().activeElement?.getAttribute('role')).toBe('radio');
    expect(displays()).toEqual(['shown']);
  });

  it('records the display in memory as the survey appears', async () => {
    const remember = vi.fn<NonNullable<OpenRequest['remember']>>();
    void open({ remember });
    await opened();
    expect(records(remember)).toEqual(['shown+anyShown']);
  });

  it('shows nothing and resolves unavailable when the strings miss the deadline', async () => {
    const remember = vi.fn<NonNullable<OpenRequest['remember']>>();
    await expect(open({ deadline: Promise.resolve(undefined), remember })).resolves.toEqual({ status: 'unavailable' });
    await settle();
    expect(host()).toBeNull();
    expect(remember).not.toHaveBeenCalled();
    expect(displays()).toEqual([]);
  });

  it('sets the overlay z-index on the host through a custom property', async () => {
    void open({ zIndex: 42 });
    await opened();
    expect(host()!.style.getPropertyValue('--heed-z')).toBe('42');
  });

  it('sends the answer once with a client submission id and resolves submitted with the response id', async () => {
    const outcome = open({ context: { extensionVersion: '1.2.3' } });
    await opened();
    answerNps(9);
    await expect(outcome).resolves.toEqual({ status: 'submitted', responseId: 'resp_1' });
    expect(responses()).toEqual([
      {
        submissionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        projectKey: 'pk_demo',
        surveyId: 'app-nps',
        answers: { score: 9 },
        respondent: { userId: 'u_1', anonymousId: person },
        context: { plan: 'saas', url: `${location.origin}${location.pathname}`, locale: 'en', extensionVersion: '1.2.3' },
      },
    ]);
    expect($('[aria-live="polite"]')?.textContent).toBe(strings.thank_you);
  });

  it('resolves unavailable within the timeout when the collector cannot be reached, keeping the answer queued', async () => {
    offline = true;
    const outcome = open({ survey: cancel, mount: document.body.appendChild(document.createElement('div')), timeoutMs: 100 });
    await opened();
    act(() => $<HTMLInputElement>('input[type="radio"]')!.click());
    const submittedAt = Date.now();
    act(() => {
    $<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
    await expect(outcome).resolves.toEqual({ status: 'unavailable' });
    expect(Date.now() - submittedAt).toBeLessThan(1000);
    const queued = JSON.parse(localStorage.getItem(OUTBOX_KEY)!) as Array<{ url: string; body: { answers: unknown } }>;
    expect(queued.find((item) => item.url.endsWith('/v1/responses'))?.body.answers).toEqual({ reason: 'too-expensive' });
  });

  it('resolves refused, says the answer could not be sent and never thanks, when the collector refuses it', async () => {
    refusal = 409;
    const outcome = open();
    await opened();
    answerNps(3);
    await expect(outcome).resolves.toEqual({ status: 'refused' });
    await settle();
    expect($('[aria-live="polite"]')?.textContent).toBe(strings.not_sent);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('thanks once an attempt failed in a way that is retried: the answer is queued', async () => {
    offline = true;
    void open({ timeoutMs: 5000 });
    await opened();
    answerNps(8);
    await vi.waitFor(() => expect($('[aria-live="polite"]')?.textContent).toBe(strings.thank_you));
  });

  it('leaves the focus where it is when it opens by itself, and announces its question', async () => {
    void open({ takeFocus: false });
    await opened();
    expect(document.activeElement).toBe(opener);
    expect(shadow().activeElement).toBeNull();
    await vi.waitFor(() => expect($('[role="status"]')?.textContent).toBe(strings.nps_question));
  });

  it('closes on Escape as dismissed, records it, and gives focus back', async () => {
    const remember = vi.fn<NonNullable<OpenRequest['remember']>>();
    const outcome = open({ remember });
    await opened();
    press('Escape');
    await expect(outcome).resolves.toEqual({ status: 'dismissed' });
    expect(records(remember)).toEqual(['shown+anyShown']);
    expect(host()).toBeNull();
    expect(document.activeElement).toBe(opener);
    await settle();
    expect(displays()).toEqual(['shown', 'dismissed']);
  });

  it('reports "ask me later" as a snooze, and records it in memory', async () => {
    const remember = vi.fn<NonNullable<OpenRequest['remember']>>();
    const outcome = open({ remember });
    await opened();
    act(() => [...shadow().querySelectorAll('button')].find((b) => b.textContent === strings.later_button)!.click());
    await expect(outcome).resolves.toEqual({ status: 'dismissed' });
    expect(records(remember)).toEqual(['shown+anyShown', 'snoozed']);
    await settle();
    expect(displays()).toEqual(['shown', 'snoozed']);
  });

  it('renders inline into the given element as a region, and into a [data-heed-mount] element by default', async () => {
    const slot = document.body.appendChild(document.createElement('section'));
    void open({ survey: cancel, mount: slot });
    await opened();
    expect(slot.querySelector('heed-survey')).not.toBeNull();
    expect($('[role="region"]')).not.toBeNull();
    expect(host()!.dataset.placement).toBe('inline');

    document.body.replaceChildren();
    const marked = document.body.appendChild(document.createElement('div'));
    marked.dataset.heedMount = 'app-nps';
    void open();
    await opened();
    expect(marked.querySelector('heed-survey')).not.toBeNull();
  });

  it('shows a cancel survey without a mount as a modal', async () => {
    void open({ survey: cancel });
    await opened();
    expect($('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
  });

  it('speaks the requested language, right to left for Arabic', async () => {
    void open({ locale: 'ar-EG' });
    await opened();
    const dialog = $('[role="dialog"]')!;
    expect(dialog.getAttribute('lang')).toBe('ar');
    expect(dialog.getAttribute('dir')).toBe('rtl');
    expect($('h2')?.textContent).toBe('ما مدى احتمال أن توصي بنا لصديق أو زميل؟');
  });
});
