/**
 * The widget's brain, free of Preact: fetches the project's surveys, decides what is due, and loads
 * the UI chunk only when something is shown. heed.js and the ESM entry differ only in how they load chunks.
 */
import type { CsatSurvey, NpsSurvey, PublicSurveysBody, Survey } from '@heed/shared';
import { type DisplayMemory, blockingRule, samplingRoll } from '@heed/shared/eligibility';
import { DEFAULT_TIMEOUT_MS, type Heed, type HeedInit, type HeedUser, type ShowOptions, type ShowResult } from './api.ts';
import { OUTBOX_KEY } from './transport.ts';

const ANONYMOUS_ID_KEY = 'heed:aid';

export interface HeedDeps {
  /**
   * Loads the UI chunk; for a survey about to show (`locale` given: `init`'s, '' for none) it also starts
   * fetching the strings of that language as resolved on the page, which the UI chunk later imports as
   * the same module, so a survey waits on one round trip for both, not two.
   */
  loadUi: (locale?: string) => Promise<typeof import('./ui-chunk.ts')>;
  /** Collector base URL when `init()` names none. */
  endpoint?: string;
  fetch?: typeof globalThis.fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Resolves with undefined after `ms`, by default show()'s timeout. */
function timer(ms = DEFAULT_TIMEOUT_MS): Promise<undefined> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createHeed({
  loadUi,
  endpoint: defaultEndpoint = '',
  fetch = globalThis.fetch,
  storage,
}: HeedDeps): Heed {
  /** `init()`'s options, with the endpoint resolved. */
  let settings: (HeedInit & { endpoint: string }) | undefined;
  let user: HeedUser = {};
  /** The survey list; falsy before `init()` and when it could not be had. */
  let surveys: Promise<PublicSurveysBody | undefined> = Promise.resolve() as Promise<undefined>;
  /** Surveys on screen; a survey shown on its own waits until none is. */
  let open = 0;

  const read = <T>(key: string): T | null => {
    try {
      return JSON.parse((storage || localStorage).getItem(key)!);
    } catch {
      return null;
    }
  };
  /** Stores `value` if storage lets it, and returns it. */
  const write = <T>(key: string, value: T): T => {
    try {
      (storage || localStorage).setItem(key, JSON.stringify(value));
    } catch {
      // Storage blocked or full: throttling falls back to what the collector remembers.
    }
    return value;
  };
  const anonymousId = (): string => read<string>(ANONYMOUS_ID_KEY) || write(ANONYMOUS_ID_KEY, Math.random().toString(36).slice(2));
  const memoryKey = () => `heed:seen:${settings!.project}`;
  const memory = (): DisplayMemory => read(memoryKey()) || {};
  const due = (body: PublicSurveysBody, survey: Survey) =>
    !blockingRule(
      survey,
      body.project.cooldownDays,
      memory(),
      body.seen,
      Date.now(),
      samplingRoll(user.userId || anonymousId(), survey.id),
    );

  function load(): void {
    const person = user.userId ? `userId=${encodeURIComponent(user.userId)}` : `anonymousId=${anonymousId()}`;
    // Project keys are URL-safe by their schema.
    surveys = fetch(`${settings!.endpoint}/v1/projects/${settings!.project}/surveys?${person}`)
      // `false` when refused: only ever tested for truth, like undefined, and shorter in heed.js.
      .then((response) => (response.ok && response.json()) as Promise<PublicSurveysBody | undefined>)
      .catch(() => undefined);
  }

  /**
   * Show the first due NPS or CSAT survey triggered by `event`, or by the page load when there is none.
   * Those two kinds, and only they, have `events` (the collector serves them with the default, []): testing
   * for the field keeps the kind names out of heed.js.
   */
  function schedule(event?: string): void {
    void surveys.then((body) => {
      const survey = body?.surveys.find(
        (candidate): candidate is NpsSurvey | CsatSurvey =>
          'events' in candidate && (event ? candidate.events.includes(event) : !candidate.events.length) && due(body, candidate),
      );
      if (!survey) return;
      // Decided again after the delay, on the latest data: identify() or another survey may have changed it.
      setTimeout(() => {
        void surveys.then((latest) => {
          // Opened by a tracked action, it may take the focus; on its own, it must not.
          if (!open && latest && due(latest, survey)) void present(survey, { takeFocus: !!event }, timer());
        });
      }, survey.delayMs);
    });
  }

  /**
   * Open `survey` if the UI chunk arrives before `deadline`. Never rejects: whatever goes wrong, the host
   * gets `unavailable` and its flow goes on.
   */
  async function present(survey: Survey, options: ShowOptions & { takeFocus?: boolean }, deadline: Promise<undefined>): Promise<ShowResult> {
    open += 1;
    try {
      const ui = await Promise.race([loadUi(settings!.locale || ''), deadline]);
      if (!ui) return { status: 'unavailable' };
      return await ui.openSurvey({
        ...settings!,
        ...options,
        survey,
        user,
        anonymousId: anonymousId(),
        deadline,
        remember: (record) => write(memoryKey(), record(memory(), survey.id, Date.now())),
      });
    } catch {
      return { status: 'unavailable' };
    } finally {
      open -= 1;
    }
  }

  return {
    init(options) {
      settings = { ...options, endpoint: options.endpoint || defaultEndpoint };
      user = { ...options.user };
      load();
      schedule();
      if (read(OUTBOX_KEY)) loadUi().then((ui) => ui.pageTransport(), () => undefined);
    },
    identify(next) {
      user = { ...user, ...next };
      if (settings) load();
    },
    track: schedule,
    async show(surveyId, options = {}) {
      const deadline = timer(options.timeoutMs);
      const body = await Promise.race([surveys, deadline]);
      if (!body) return { status: 'unavailable' };
      const survey = body.surveys.find((candidate) => candidate.id === surveyId);
      // NPS and CSAT surveys (those with `events`) show only when due; cancel and uninstall forms always.
      if (!survey || ('events' in survey && !due(body, survey))) return { status: 'skipped' };
      return present(survey, options, deadline);
    },
  };
}
