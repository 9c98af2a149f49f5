/**
 * Taking in what the public API receives: responses (stored once per submission id with their alerts and
 * report counts) and displays (shown / dismissed / snoozed).
 *
 * An answer and its effects are one write: `store.responses.record(response, alerts)` stores all of them or
 * none, durably, and a repeat of the submission stores nothing and answers the first one's id. Grouping
 * answers that arrive together into one commit is the store's business, not the domain's.
 */
import { npsCategory, type Display, type HeedConfig, type IngestResult, type Submission } from '@heed/shared';
import type { Clock } from '../clock.ts';
import { errors } from '../errors.ts';
import type { AlertDoc, ResponseDoc, Store } from '../store/store.ts';
import { normaliseAnswers } from './answers.ts';
import { catalogOf } from './catalog.ts';
import { ownerAlerts, type ChannelSettings } from './enqueue-alerts.ts';
import { routeResponse } from './routing.ts';
import { timeOrderedId } from './ids.ts';

export interface IngestDeps {
  store: Store;
  config: HeedConfig;
  clock: Clock;
  /** Which channels alerts are enqueued for; default: no email (it needs an SMTP transport). */
  channels?: ChannelSettings;
  /** Ids for responses and alerts; default random UUIDs. */
  newId?: () => string;
}

export async function ingestSubmission(deps: IngestDeps, submission: Submission): Promise<IngestResult> {
  const { store, config, clock, newId = timeOrderedId } = deps;
  const catalog = catalogOf(config);
  const survey = catalog.survey(submission.projectKey, submission.surveyId);
  if (!survey.active) throw new errors.inactiveSurvey(survey.id);
  const answers = normaliseAnswers(survey, submission.answers);

  const receivedAt = clock();
  // A CSAT score is 1-5, not an NPS score: it has no NPS category.
  const category = answers.score === undefined || survey.kind !== 'nps' ? undefined : npsCategory(answers.score);
  const plan = submission.context.plan;
  const routing = routeResponse(
    config,
    { surveyId: survey.id, kind: survey.kind, productArea: survey.productArea, plan, category, score: answers.score, comment: answers.comment },
    receivedAt,
  );
  const response: ResponseDoc = {
    _id: newId(),
    submissionId: submission.submissionId,
    projectKey: submission.projectKey,
    surveyId: survey.id,
    kind: survey.kind,
    productArea: survey.productArea,
    answers,
    ...(category && { category }),
    hasComment: answers.comment !== undefined,
    respondent: submission.respondent,
    context: submission.context,
    ...(plan && { plan }),
    receivedAt,
    day: receivedAt.toISOString().slice(0, 10),
    routing,
    triage: { status: 'new', tags: [], history: [] },
  };
  const owner = routing.status === 'routed' && routing.owner !== undefined ? catalog.owner(routing.owner) : undefined;
  const alerts: AlertDoc[] = owner ? ownerAlerts(response._id, owner, deps.channels ?? { email: false }, receivedAt, newId) : [];
  return store.responses.record(response, alerts);
}

/** Records that a survey was shown, dismissed or snoozed; a repeated display id is not stored twice. */
export async function recordDisplay(deps: IngestDeps, display: Display): Promise<{ id: string; duplicate: boolean }> {
  const survey = catalogOf(deps.config).survey(display.projectKey, display.surveyId);
  const { userId, anonymousId } = display.respondent;
  const stored = await deps.store.displays.record({
    _id: display.displayId,
    projectKey: display.projectKey,
    surveyId: survey.id,
    event: display.event,
    ...(userId && { userId }),
    ...(anonymousId && { anonymousId }),
    at: deps.clock(),
  });
  return { id: display.displayId, duplicate: !stored };
}

/**
 * When a person (by user id or anonymous id) was last shown each survey of the project, and any of them:
 * ISO timestamps, for recontact windows and the cooldown across devices.
 */
export async function seenBy(
  deps: IngestDeps,
  projectKey: string,
  who: { userId?: string; anonymousId?: string },
): Promise<{ lastShownAt: Record<string, string>; lastAnyShownAt: string | null }> {
  catalogOf(deps.config).project(projectKey);
  if (!who.userId && !who.anonymousId) return { lastShownAt: {}, lastAnyShownAt: null };
  const seen = await deps.store.displays.seenBy(projectKey, {
    ...(who.userId && { userId: who.userId }),
    ...(who.anonymousId && { anonymousId: who.anonymousId }),
  });
  const lastShownAt: Record<string, string> = {};
  for (const [surveyId, at] of Object.entries(seen.lastShownAt)) lastShownAt[surveyId] = at.toISOString();
  return { lastShownAt, lastAnyShownAt: seen.lastAnyShownAt?.toISOString() ?? null };
}
