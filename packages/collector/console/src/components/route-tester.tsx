import { useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import type { RouteTestAnswer, RouteTestFacts } from '../route-types.ts';
import type { ListedSurvey } from '../survey-form.ts';

export interface RouteTesterProps {
  api: Api;
  surveys: ListedSurvey[];
}

/** "Who would get this answer?": a survey, a score, a comment and a plan in; the owner, the rule and why out. */
export function RouteTester({ api, surveys }: RouteTesterProps) {
  const [surveyId, setSurveyId] = useState(surveys[0]?.id ?? '');
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [plan, setPlan] = useState('');
  const [answer, setAnswer] = useState<RouteTestAnswer | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const kind = surveys.find((survey) => survey.id === surveyId)?.kind;

  async function ask(event: Event) {
    event.preventDefault();
    setError(undefined);
    const facts: RouteTestFacts = {
      surveyId,
      ...(score.trim() !== '' && { score: Number(score) }),
      ...(comment.trim() !== '' && { comment }),
      ...(plan !== '' && { plan: plan as NonNullable<RouteTestFacts['plan']> }),
    };
    try {
      setAnswer(await api.post<RouteTestAnswer>('/v1/routes/test', facts));
    } catch (failure) {
      setAnswer(undefined);
      setError((failure as Error).message);
    }
  }

  return (
    <form class="triage-form route-tester" onSubmit={(event) => void ask(event)}>
      <label>
        <span>Survey</span>
        <select value={surveyId} onChange={(e) => setSurveyId(e.currentTarget.value)}>
          {surveys.map((survey) => (
            <option key={survey.id} value={survey.id}>
              {survey.id} ({survey.kind}, {survey.productArea})
            </option>
          ))}
        </select>
      </label>
      {(kind === 'nps' || kind === 'csat') && (
        <label>
          <span>{kind === 'nps' ? 'Score (0 to 10)' : 'Score (1 to 5)'}</span>
          <input type="number" min={kind === 'nps' ? 0 : 1} max={kind === 'nps' ? 10 : 5} step={1} value={score} onInput={(e) => setScore(e.currentTarget.value)} />
        </label>
      )}
      <label>
        <span>Comment</span>
        <textarea rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <label>
        <span>Plan</span>
        <select value={plan} onChange={(e) => setPlan(e.currentTarget.value)}>
          <option value="">Not known</option>
          <option value="saas">saas</option>
          <option value="self-managed">self-managed</option>
        </select>
      </label>
      <div class="actions">
        <button type="submit">Who would get it?</button>
      </div>
      <div aria-live="polite" data-testid="route-answer">
        {answer && (
          <p class="route-answer">
            <strong>{answer.owner ? answer.owner.name : 'Nobody'}</strong>: {answer.explanation}
          </p>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
