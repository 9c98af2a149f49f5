import { useCallback, useMemo, useState } from 'preact/hooks';
import { ADMIN_DISABLED, createApi, type Api, type ApiError } from '../api.ts';
import { usePath } from '../router.ts';
import { useCatalog, type Catalog } from '../use-catalog.ts';
import { useToken } from '../use-token.ts';
import { AlertsPage } from './alerts-page.tsx';
import { CaseFeedbackPage } from './case-feedback-page.tsx';
import { InboxPage } from './inbox-page.tsx';
import { IssuesPage } from './issues-page.tsx';
import { ItemPage } from './item-page.tsx';
import { LogFeedback } from './log-feedback.tsx';
import { Nav } from './nav.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PrivacyPage } from './privacy-page.tsx';
import { ReasonsPage } from './reasons-page.tsx';
import { ResponsePage } from './response-page.tsx';
import { ResponsesPage } from './responses-page.tsx';
import { RoutesPage } from './routes-page.tsx';
import { SurveyPage } from './survey-page.tsx';
import { SurveysPage } from './surveys-page.tsx';
import { TeamUpdatePage } from './team-update-page.tsx';
import { TokenForm } from './token-form.tsx';
import { TriageList } from './triage-list.tsx';

/** Why the token form is back: a refused token, or the server's own words when the admin API is off. */
function refusal(error: ApiError): string {
  return error.code === ADMIN_DISABLED ? error.message : 'That token was refused. Check HEED_ADMIN_TOKEN and try again.';
}

/** The console: the admin token first, then the page the path names. */
export function App() {
  const [token, saveToken, forgetToken] = useToken();
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const path = usePath();
  const onUnauthorized = useCallback(
    (error: ApiError) => {
      forgetToken();
      setNotice(refusal(error));
    },
    [forgetToken],
  );
  const api = useMemo(() => (token ? createApi({ token, onUnauthorized }) : undefined), [token, onUnauthorized]);

  if (!api) {
    return (
      <TokenForm
        notice={notice}
        onSave={(value) => {
          setNotice(undefined);
          saveToken(value);
        }}
      />
    );
  }
  return <Console api={api} path={path} signOut={forgetToken} />;
}

function Console({ api, path, signOut }: { api: Api; path: string; signOut: () => void }) {
  const catalog = useCatalog(api);
  return (
    <>
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="top">
        <h1 class="brand">Heed console</h1>
        <Nav path={path} />
        <LogFeedback api={api} />
        <button type="button" class="quiet sign-out" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        <Page path={path} api={api} catalog={catalog} />
      </main>
    </>
  );
}

function Page({ path, api, catalog }: { path: string; api: Api; catalog: Catalog }) {
  const response = /^\/responses\/([^/]+)$/.exec(path);
  if (response) return <ResponsePage key={response[1]} api={api} catalog={catalog} id={decodeURIComponent(response[1]!)} />;
  const item = /^\/items\/([^/]+)$/.exec(path);
  if (item) return <ItemPage key={item[1]} api={api} id={decodeURIComponent(item[1]!)} />;
  const survey = /^\/surveys\/([^/]+)$/.exec(path);
  if (survey) return <SurveyPage key={survey[1]} api={api} id={decodeURIComponent(survey[1]!)} />;
  if (path === '/surveys') return <SurveysPage api={api} />;
  if (path === '/routes') return <RoutesPage api={api} />;
  if (path === '/inbox') return <InboxPage api={api} />;
  if (path === '/issues') return <IssuesPage api={api} />;
  if (path === '/cases') return <CaseFeedbackPage api={api} />;
  if (path === '/responses') return <ResponsesPage api={api} catalog={catalog} />;
  if (path === '/cancel') return <ReasonsPage key="cancel" api={api} catalog={catalog} kind="cancel" />;
  if (path === '/uninstall') return <ReasonsPage key="uninstall" api={api} catalog={catalog} kind="uninstall" />;
  if (path === '/triage') return <TriageList api={api} catalog={catalog} />;
  if (path === '/alerts') return <AlertsPage api={api} />;
  if (path === '/team-update') return <TeamUpdatePage api={api} />;
  if (path === '/privacy') return <PrivacyPage api={api} />;
  return <OverviewPage api={api} catalog={catalog} />;
}
