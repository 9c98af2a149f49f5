import type { Api } from '../api.ts';
import type { ListedSurvey } from '../survey-form.ts';
import { useLoad } from '../use-load.ts';
import { ErrorNote } from './error-note.tsx';
import { Link } from './link.tsx';
import '../surveys.css';

export interface SurveysPageProps {
  api: Api;
}

const KIND_LABELS: Record<ListedSurvey['kind'], string> = { nps: 'NPS', csat: 'CSAT', cancel: 'Cancel reasons', uninstall: 'Uninstall reasons' };

/** Which surveys are asked, worded how? Every survey of the config file, on or off, and whether the console changed it. */
export function SurveysPage({ api }: SurveysPageProps) {
  const load = useLoad(() => api.get<{ surveys: ListedSurvey[] }>('/v1/surveys'), [api]);
  return (
    <section aria-labelledby="surveys-title">
      <h2 id="surveys-title">Surveys</h2>
      <p class="hint">
        The config file defines the surveys; here you change their wording, reasons, targeting and whether they are offered. Every collector
        serves a change within a few seconds, without a restart.
      </p>
      {load.error && <ErrorNote error={load.error} />}
      {load.loading && !load.data && <p class="loading">Loading…</p>}
      {load.data && (
        <div class="scroll">
          <table class="surveys">
            <caption class="visually-hidden">Surveys</caption>
            <thead>
              <tr>
                <th scope="col">Survey</th>
                <th scope="col">Kind</th>
                <th scope="col">Offered</th>
                <th scope="col">Question</th>
                <th scope="col">Settings from</th>
              </tr>
            </thead>
            <tbody>
              {load.data.surveys.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">
                    <Link to={`/surveys/${encodeURIComponent(entry.id)}`}>{entry.id}</Link>
                  </th>
                  <td>{KIND_LABELS[entry.kind]}</td>
                  <td>{entry.survey.active ? 'Yes' : 'No'}</td>
                  <td class="question-cell">{entry.survey.question ?? <span class="muted">Built-in wording</span>}</td>
                  <td>
                    {entry.source === 'console' ? `Console (${entry.change?.actor ?? 'admin'})` : 'Config file'}
                    {entry.ignored && <span class="error"> Stored settings ignored: {entry.ignored}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
