/**
 * The hosted survey page (`GET /s/:surveyId`) as the collector writes it and the widget's hosted.js reads
 * it: the element ids, and the survey data embedded as inert JSON. Zod-free (types only), so hosted.js may
 * import it directly (`@heed/shared/hosted-page`).
 */
import type { HostedPageQuery } from './public-queries.ts';
import type { ResponseContext } from './submission.ts';
import type { Survey } from './survey.ts';

/** Id of `<script type="application/json">` holding the `HostedPageData`. */
export const HOSTED_DATA_ID = 'heed-survey-data';
/** Id of the element the survey renders into. */
export const HOSTED_MOUNT_ID = 'heed-hosted';

/** The context a hosted page carries from its link and stores with the answer. */
export type HostedPageContext = Pick<ResponseContext, 'installId' | 'extensionVersion' | 'locale' | 'plan'>;

/** What the hosted page embeds for hosted.js. */
export interface HostedPageData {
  /** Base URL of the collector; empty means the page's own origin. */
  endpoint: string;
  projectKey: string;
  survey: Survey;
  context: HostedPageContext;
}

/** The stored context of a hosted page's query: `extensionVersion` wins over the short `version`. */
export function hostedPageContext({ installId, version, extensionVersion, locale, plan }: HostedPageQuery): HostedPageContext {
  return { installId, extensionVersion: extensionVersion ?? version, locale, plan };
}
