import type { Answers, ResponseContext, Survey } from '@heed/shared';
import { type DisplayRecord, recordShown, recordSnoozed } from '@heed/shared/eligibility';
import { render } from 'preact';
import { DEFAULT_TIMEOUT_MS, type HeedUser, type ShowResult } from '../api.ts';
import { pageTransport } from '../transport.ts';
import { uuid } from '../uuid.ts';
import { applyStyles } from './apply-styles.ts';
import { CsatPrompt } from './csat-prompt.tsx';
import { NpsPrompt } from './nps-prompt.tsx';
import { ReasonForm } from './reason-form.tsx';
import { loadStrings, pageLocale } from './strings/index.ts';
import css from './styles.css?inline';
import { type Placement, SurveyFrame } from './survey-frame.tsx';

/** How long an overlay keeps its thank-you on screen before closing. */
const THANKS_MS = 3000;
/**
 * How long the thank-you waits for the collector's first word on an answer: it thanks on an
 * acknowledgement, or once an attempt failed in a way that is retried (the answer is queued), and after
 * this long in any case; a refusal shows instead that the answer could not be sent.
 */
const THANKS_WAIT_MS = 1500;

export interface OpenRequest {
  survey: Survey;
  /** Collector base URL ('' for the page's own origin). */
  endpoint: string;
  /** Public project key. */
  project: string;
  /** Who answers: stored as the respondent, with the plan as context. */
  user?: HeedUser;
  /** The browser's anonymous id, when the widget keeps one. */
  anonymousId?: string;
  context?: ResponseContext;
  locale?: string;
  nonce?: string;
  zIndex?: number;
  /** Render inline into this element; else into `[data-heed-mount="<survey id>"]` if the page has one, else as an overlay. */
  mount?: Element;
  /** Forces a placement; a survey's own or an overlay by default. */
  placement?: Placement;
  /** After an answer, how long to wait for the collector's acknowledgement before resolving `unavailable`. */
  timeoutMs?: number;
  /** Once this settles, a survey whose strings have not arrived gives up as `unavailable` and shows nothing. */
  deadline?: Promise<undefined>;
  /**
   * Whether the survey takes the keyboard focus as it opens (default true): it does when the person asked
   * for it (`show()`, a tracked action). One that opens by itself leaves the focus where it is, announces
   * itself to screen readers, and waits in the tab order.
   */
  takeFocus?: boolean;
  /**
   * Keeps a display in the browser's memory of this person, which the caller holds: called with
   * `recordShown` as the survey appears and with `recordSnoozed` on "ask me later".
   */
  remember?: (record: DisplayRecord) => void;
}

function placementOf(survey: Survey, mount: Element | null): Placement {
  if (mount) return 'inline';
  if (survey.kind !== 'nps' && survey.kind !== 'csat') return 'center';
  return survey.placement === 'inline' ? 'bottom-right' : survey.placement;
}

/**
 * Render `survey` in its own open shadow root once its strings are in, and settle once the person is
 * done with it: `submitted` when the collector acknowledged the answer, `refused` when it refused it
 * (the person is told it could not be sent), `unavailable` when neither came within `timeoutMs` (the
 * answer stays queued) or the strings missed the deadline, `dismissed` when closed unanswered.
 * Displays are recorded as they happen.
 */
export async function openSurvey(request: OpenRequest): Promise<ShowResult> {
  const { survey, endpoint, project, user = {}, timeoutMs = DEFAULT_TIMEOUT_MS } = request;
  const locale = pageLocale(request.locale);
  const strings = await (request.deadline ? Promise.race([loadStrings(locale), request.deadline]) : loadStrings(locale));
  if (!strings) return { status: 'unavailable' };

  const mount = request.mount ?? document.querySelector(`[data-heed-mount="${survey.id}"]`);
  const placement = request.placement ?? placementOf(survey, mount);
  const overlay = placement === 'bottom-right' || placement === 'center';
  const host = document.createElement('heed-survey');
  host.dataset.placement = placement;
  if (request.zIndex !== undefined) host.style.setProperty('--heed-z', String(request.zIndex));
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow, css, request.nonce);
  const root = document.createElement('div');
  shadow.append(root);

  const transport = pageTransport();
  const respondent = { userId: user.userId, accountId: user.accountId, anonymousId: request.anonymousId };
  /** Queue a record for `/v1/<path>` under a new id, which the body carries as `idField`. */
  const post = (path: string, idField: string, body: object, onRetry?: () => void) => {
    const id = uuid();
    return transport.send(`${endpoint}/v1/${path}`, id, { [idField]: id, projectKey: project, surveyId: survey.id, respondent, ...body }, onRetry);
  };
  const display = (event: 'shown' | 'dismissed' | 'snoozed') => void post('displays', 'displayId', { event });

  let settle!: (outcome: ShowResult) => void;
  const outcome = new Promise<ShowResult>((resolve) => (settle = resolve));
  let answered = false;
  const close = () => {
    render(null, root);
    host.remove();
  };
  /**
   * Send the answer, and `tell` the form what to say: true to thank (acknowledged, or queued for
   * retries), false when the collector refused it, even after a thank-you: a refusal is final.
   */
  const submit = (answers: Answers, tell: (thanks: boolean) => void) => {
    answered = true;
    let told: boolean | undefined;
    const say = (thanks: boolean) => {
      if (told === false || told === thanks) return;
      if (told === undefined && overlay) setTimeout(close, THANKS_MS);
      told = thanks;
      tell(thanks);
    };
    setTimeout(say, THANKS_WAIT_MS, true);
    const delivered = post(
      'responses',
      'submissionId',
      { answers, context: { plan: user.plan, url: location.origin + location.pathname, locale, ...request.context } },
      () => say(true),
    );
    void delivered.then((delivery) => say(delivery.delivered));
    const timedOut = new Promise<undefined>((done) => setTimeout(done, timeoutMs));
    void Promise.race([delivered, timedOut]).then((delivery) =>
      settle(
        !delivery ? { status: 'unavailable' } : delivery.delivered ? { status: 'submitted', responseId: delivery.reply.id } : { status: 'refused' },
      ),
    );
  };
  const dismiss = (snoozed = false) => {
    if (!answered) {
      display(snoozed ? 'snoozed' : 'dismissed');
      if (snoozed) request.remember?.(recordSnoozed);
      settle({ status: 'dismissed' });
    }
    close();
  };

  (mount ?? document.body).append(host);
  render(
    <SurveyFrame
      placement={placement}
      labelledBy="heed-title"
      lang={locale}
      dir={strings.dir}
      takeFocus={request.takeFocus ?? true}
      onEscape={overlay ? () => dismiss() : undefined}
    >
      {survey.kind === 'nps' ? (
        <NpsPrompt survey={survey} strings={strings} onSubmit={submit} onDismiss={() => dismiss()} onSnooze={() => dismiss(true)} />
      ) : survey.kind === 'csat' ? (
        <CsatPrompt survey={survey} strings={strings} onSubmit={submit} onDismiss={() => dismiss()} onSnooze={() => dismiss(true)} />
      ) : (
        <ReasonForm survey={survey} strings={strings} onSubmit={submit} onSkip={survey.kind === 'cancel' ? () => dismiss() : undefined} />
      )}
    </SurveyFrame>,
    root,
  );
  request.remember?.(recordShown);
  display('shown');
  return outcome;
}
