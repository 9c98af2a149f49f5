import { useCallback, useMemo, useState } from 'preact/hooks';
import { createApi, type Api } from '../api.ts';
import { usePath } from '../router.ts';
import { useToken } from '../use-token.ts';
import { Nav } from './nav.tsx';
import { OverviewPage } from './overview-page.tsx';
import { ResponsesPage } from './responses-page.tsx';
import { TokenForm } from './token-form.tsx';
import { TriageList } from './triage-list.tsx';

/** The console: the admin token first, then the page the path names. */
export function App() {
  const [token, saveToken, forgetToken] = useToken();
  const [refused, setRefused] = useState(false);
  const path = usePath();
  const onUnauthorized = useCallback(() => {
    forgetToken();
    setRefused(true);
  }, [forgetToken]);
  const api = useMemo(() => (token ? createApi({ token, onUnauthorized }) : undefined), [token, onUnauthorized]);

  if (!api) {
    return (
      <TokenForm
        refused={refused}
        onSave={(value) => {
          setRefused(false);
          saveToken(value);
        }}
      />
    );
  }
  return (
    <>
      <header class="top">
        <h1 class="brand">Heed console</h1>
        <Nav path={path} />
        <button type="button" class="quiet" onClick={forgetToken}>
          Sign out
        </button>
      </header>
      <main>
        <Page path={path} api={api} />
      </main>
    </>
  );
}

function Page({ path, api }: { path: string; api: Api }) {
  // `/responses/<id>` is where alerts link to: the responses of the last weeks, newest first.
  if (path === '/responses' || path.startsWith('/responses/')) return <ResponsesPage api={api} />;
  if (path === '/triage') return <TriageList api={api} />;
  return <OverviewPage api={api} />;
}
