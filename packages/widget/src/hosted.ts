/**
 * hosted.js: the collector's hosted survey page (`GET /s/:surveyId`, e.g. the uninstall exit survey).
 * The page carries its survey and context as inert JSON in `#heed-survey-data`; this renders it
 * full-page into `#heed-hosted`.
 */
import { HOSTED_DATA_ID, HOSTED_MOUNT_ID, type HostedPageData } from '@heed/shared/hosted-page';
import { openSurvey } from './ui/open-survey.tsx';
import { loadStrings, resolveLocale } from './ui/strings/index.ts';

const data = JSON.parse(document.getElementById(HOSTED_DATA_ID)!.textContent!) as HostedPageData;
const locale = resolveLocale([data.context.locale, navigator.language]);
void loadStrings(locale).then(({ dir }) => {
  document.documentElement.lang = locale;
  document.documentElement.dir = dir;
  return openSurvey({
    survey: data.survey,
    endpoint: data.endpoint,
    project: data.projectKey,
    context: data.context,
    locale,
    mount: document.getElementById(HOSTED_MOUNT_ID)!,
    placement: 'page',
  });
});
