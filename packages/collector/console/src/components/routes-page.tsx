import type { Api } from '../api.ts';
import { describeWhen, type RoutesView } from '../route-types.ts';
import type { ListedSurvey } from '../survey-form.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import { RouteTester } from './route-tester.tsx';
import '../surveys.css';

export interface RoutesPageProps {
  api: Api;
}

/** Who hears about an answer? The ordered rules (the first that matches wins), the rotation, and a tester. */
export function RoutesPage({ api }: RoutesPageProps) {
  const routes = useLoad(() => api.get<RoutesView>('/v1/routes'), [api]);
  const surveys = useLoad(() => api.get<{ surveys: ListedSurvey[] }>('/v1/surveys'), [api]);
  return (
    <>
      <section aria-labelledby="routes-title">
        <h2 id="routes-title">Routes</h2>
        <p class="hint">From the config file, in order: an answer that needs a person goes to the first rule that matches, else to the owner on duty.</p>
        {routes.error && <ErrorNote error={routes.error} />}
        {routes.data && (
          <>
            <ol class="routes">
              {routes.data.routes.map((route) => (
                <li key={route.index}>
                  {describeWhen(route.when)} → <strong>{route.owner.name}</strong>
                </li>
              ))}
            </ol>
            {routes.data.routes.length === 0 && <p class="empty">No rules.</p>}
            <p>
              {routes.data.rotation
                ? `Rotation, weekly from ${routes.data.rotation.startsOn}: ${routes.data.rotation.owners.map((owner) => owner.name).join(', ')}.`
                : 'No rotation: an answer no rule matches goes to nobody.'}
            </p>
          </>
        )}
      </section>
      <section aria-labelledby="route-test-title">
        <h2 id="route-test-title">Who would get this answer?</h2>
        {surveys.error && <ErrorNote error={surveys.error} />}
        {surveys.data && <RouteTester api={api} surveys={surveys.data.surveys} />}
      </section>
    </>
  );
}
