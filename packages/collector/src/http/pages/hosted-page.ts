/**
 * The hosted survey page (`/s/:surveyId`): an empty `<main>` that `/widget/hosted.js` fills in from the
 * survey data embedded as inert JSON. Nothing inline executes and nothing loads from another origin.
 */
import type { ResponseContext, Survey } from '@heed/shared';
import { html, jsonForScript } from './html.ts';
import { page } from './layout.ts';

/** What `hosted.js` reads from `<script type="application/json" id="heed-survey-data">`. */
export interface HostedSurveyData {
  /** Base URL of the collector; empty means this page's own origin. */
  endpoint: string;
  projectKey: string;
  survey: Survey;
  context: Pick<ResponseContext, 'installId' | 'extensionVersion' | 'locale' | 'plan'>;
}

export const HOSTED_SCRIPT = '/widget/hosted.js';
export const HOSTED_STYLESHEET = '/assets/hosted.css';

type LocaleWithTextInfo = Intl.Locale & {
  getTextInfo?: () => { direction?: string };
  textInfo?: { direction?: string };
};

/** Text direction of a language tag (`ar-EG` -> rtl), from the runtime's locale data. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  try {
    const intl = new Intl.Locale(locale) as LocaleWithTextInfo;
    return (intl.getTextInfo?.() ?? intl.textInfo)?.direction === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

export function hostedSurveyPage(data: HostedSurveyData): string {
  const locale = data.context.locale ?? 'en';
  return page({
    title: data.survey.question ?? 'Quick question',
    lang: locale,
    dir: textDirection(locale),
    stylesheets: [HOSTED_STYLESHEET],
    scripts: [HOSTED_SCRIPT],
    head: html`<meta name="robots" content="noindex">\n`,
    body: html`<main id="heed-hosted"></main>
<noscript><p class="heed-message">This survey needs JavaScript.</p></noscript>
<script type="application/json" id="heed-survey-data">${jsonForScript(data)}</script>`,
  });
}

/** A plain page for a link that leads nowhere (unknown or closed survey, bad parameters). */
export function messagePage(title: string, message: string): string {
  return page({
    title,
    stylesheets: [HOSTED_STYLESHEET],
    head: html`<meta name="robots" content="noindex">\n`,
    body: html`<main class="heed-message"><h1>${title}</h1><p>${message}</p></main>`,
  });
}
