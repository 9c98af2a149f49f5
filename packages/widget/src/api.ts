/** The widget's public API: `window.heed` from heed.js, and `createHeed()` for bundlers. */
import type { Plan, ResponseContext } from '@heed/shared';

/** Who is using the host app. Everything is optional; without a userId an anonymous id is kept per browser. */
export interface HeedUser {
  userId?: string;
  accountId?: string;
  plan?: Plan;
}

export interface HeedInit {
  /** Collector base URL; heed.js defaults to its own origin. */
  endpoint?: string;
  /** Public project key (`pk_...`). */
  project: string;
  user?: HeedUser;
  /** UI language (en, de, fr, es, pt, ja, ar); else the page URL's `?locale=`, `<html lang>`, the browser. */
  locale?: string;
  /** The host page's CSP nonce, used for a `<style>` where constructable stylesheets are unsupported. */
  nonce?: string;
  /** z-index of overlays (slide-in and modal). */
  zIndex?: number;
}

/** How long `show()` waits, by default, for the survey to load and for an answer's acknowledgement. */
export const DEFAULT_TIMEOUT_MS = 3000;

export interface ShowOptions {
  /** Context stored with the answer (plan, extension version, install id...). */
  context?: ResponseContext;
  /** Render inline into this element instead of as an overlay. */
  mount?: Element;
  /** Longest wait, in ms, for the survey to load and for the collector to acknowledge an answer. Default 3000. */
  timeoutMs?: number;
}

/**
 * - `submitted`: the collector acknowledged the answer.
 * - `dismissed`: closed, skipped or "ask me later".
 * - `skipped`: not shown: an unknown or inactive survey, or an NPS survey that is not due (recontact
 *   window, cooldown, sampling, snooze). Cancel and uninstall surveys show on every request.
 * - `unavailable`: the collector or the UI could not be reached in time (heed.js included, with the
 *   snippet's stub); a given answer stays queued and is delivered later.
 * - `refused`: the collector refused the answer (a 4xx, such as a survey closed while it was on screen);
 *   the person was told it could not be sent, and nothing is queued.
 */
export interface ShowResult {
  status: 'submitted' | 'dismissed' | 'skipped' | 'unavailable' | 'refused';
  responseId?: string;
}

export interface Heed {
  init(options: HeedInit): void;
  identify(user: HeedUser): void;
  track(event: string): void;
  show(surveyId: string, options?: ShowOptions): Promise<ShowResult>;
}
