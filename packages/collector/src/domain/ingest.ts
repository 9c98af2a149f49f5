/**
 * Taking in what the public API receives: responses (stored once per submission id, then counted in the
 * daily rollups and routed to alerts) and displays (shown / dismissed / snoozed).
 *
 * Crash safety. A response has side effects in other documents (alerts, a rollup), and the stores offer no
 * multi-document transactions, so each effect is made idempotent and the response records whether its
 * effects are complete:
 * 1. The response is inserted with `effectsPending` = now + EFFECTS_CLAIM_MS: a claim on completing its
 *    effects. The unique submission id makes a repeat a no-op that finds the first response.
 * 2. Alerts are inserted under the unique (responseId, ownerId, channel) index: doing it again keeps the
 *    alerts, and delivery ids, already there.
 * 3. The rollup `$inc` is applied only if the rollup document does not yet list the response id in
 *    `applying`, and lists it in the same atomic update; so it happens once however often it is tried.
 * 4. `effectsPending` is unset: the effects are complete.
 * 5. The id is pulled from the rollup's `applying` list (it can no longer be tried again).
 * Steps 2-5 (ingest-effects.ts) cover many responses per write. Once step 1 is durable the answer is safe,
 * so with an effects queue (`deps.effects`, what the HTTP API uses) ingest acknowledges then and the queue
 * writes 2-5 just after; without one, ingest writes them before it resolves.
 * A crash anywhere, the acknowledgement included, leaves `effectsPending` set. Once the claim has expired,
 * a repeat of the submission or `resumeIngestEffects` (run by every outbox worker) claims the response
 * again and re-runs 2-5, which completes what is missing and repeats nothing. The claim keeps two live
 * collectors from doing 2-5 at the same time; a crash between 4 and 5 leaves an id in `applying`, which is
 * harmless.
 */
import { randomUUID } from 'node:crypto';
import { npsCategory, type Display, type HeedConfig, type IngestResult, type Submission, type Survey } from '@heed/shared';
import { errors } from '../errors.ts';
import type { ResponseDoc, Store } from '../store/store.ts';
import { normaliseAnswers } from './answers.ts';
import { completeIngestEffects, type IngestEffects, type IngestEffectsDeps } from './ingest-effects.ts';
import { routeResponse } from './routing.ts';

export interface IngestDeps extends IngestEffectsDeps {
  /**
   * Writes the effects of new responses after ingest resolves (which it does once the response is
   * durable). Without it, ingest resolves once the effects are written too.
   */
  effects?: IngestEffects;
}

/** Displays read per person for `seenBy`: far more than recontact windows and the cooldown let happen. */
const SEEN_SCAN_LIMIT = 1000;

/** How long one collector has to complete a response's effects before another may take over. */
export const EFFECTS_CLAIM_MS = 30_000;

export async function ingestSubmission(deps: IngestDeps, submission: Submission): Promise<IngestResult> {
  const { store, config, clock, newId = randomUUID } = deps;
  const survey = findSurvey(config, submission.projectKey, submission.surveyId);
  if (!survey.active) throw new errors.inactiveSurvey(survey.id);
  const answers = normaliseAnswers(survey, submission.answers);

  const receivedAt = clock();
  const category = answers.score === undefined ? undefined : npsCategory(answers.score);
  const plan = submission.context.plan;
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
    routing: routeResponse(
      config,
      { surveyId: survey.id, kind: survey.kind, productArea: survey.productArea, plan, category, comment: answers.comment },
      receivedAt,
    ),
    triage: { status: 'new', tags: [], history: [] },
    effectsPending: new Date(receivedAt.getTime() + EFFECTS_CLAIM_MS),
  };

  const responses = store.collection('responses');
  if (!(await responses.insertOne(response)).inserted) {
    const existing = await responses.findOne({ submissionId: submission.submissionId });
    if (!existing) throw new Error(`response insert for submission ${submission.submissionId} collided, but no response holds it`);
    const claimed = await claimEffects(store, { _id: existing._id }, receivedAt);
    if (claimed) await completeEffects(deps, claimed);
    return { id: existing._id, duplicate: true };
  }
  await completeEffects(deps, response);
  return { id: response._id, duplicate: false };
}

/**
 * Completes the effects of responses whose ingest was interrupted (claim expired); returns how many.
 * At most `limit` per call.
 */
export async function resumeIngestEffects(deps: IngestEffectsDeps, limit = 100): Promise<number> {
  const claimed: ResponseDoc[] = [];
  while (claimed.length < limit) {
    const response = await claimEffects(deps.store, {}, deps.clock());
    if (!response) break;
    claimed.push(response);
  }
  await completeIngestEffects(deps, claimed);
  return claimed.length;
}

async function claimEffects(store: Store, filter: Record<string, unknown>, now: Date): Promise<ResponseDoc | null> {
  return store
    .collection('responses')
    .findOneAndUpdate({ ...filter, effectsPending: { $lte: now } }, { $set: { effectsPending: new Date(now.getTime() + EFFECTS_CLAIM_MS) } });
}

/** Steps 2-5 for a response this call holds the claim of: queued when there is a queue, else written now. */
async function completeEffects(deps: IngestDeps, response: ResponseDoc): Promise<void> {
  if (deps.effects) deps.effects.schedule(response);
  else await completeIngestEffects(deps, [response]);
}

/** Records that a survey was shown, dismissed or snoozed; a repeated display id is not stored twice. */
export async function recordDisplay(deps: IngestDeps, display: Display): Promise<{ id: string; duplicate: boolean }> {
  const survey = findSurvey(deps.config, display.projectKey, display.surveyId);
  const { userId, anonymousId } = display.respondent;
  const { inserted } = await deps.store.collection('displays').insertOne({
    _id: display.displayId,
    projectKey: display.projectKey,
    surveyId: survey.id,
    event: display.event,
    ...(userId && { userId }),
    ...(anonymousId && { anonymousId }),
    at: deps.clock(),
  });
  return { id: display.displayId, duplicate: !inserted };
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
  findProject(deps.config, projectKey);
  const people = [
    ...(who.userId ? [{ userId: who.userId }] : []),
    ...(who.anonymousId ? [{ anonymousId: who.anonymousId }] : []),
  ];
  if (people.length === 0) return { lastShownAt: {}, lastAnyShownAt: null };
  // Newest first, so the first display seen per survey is its latest. A person is shown few surveys
  // (recontact windows, cooldown), so reading their displays is cheap, and needs no $group (which not
  // every engine implements).
  const shown = await deps.store
    .collection('displays')
    .find({ projectKey, event: 'shown', $or: people }, { sort: { at: -1 }, limit: SEEN_SCAN_LIMIT });
  const lastShownAt: Record<string, string> = {};
  for (const display of shown) lastShownAt[display.surveyId] ??= display.at.toISOString();
  return { lastShownAt, lastAnyShownAt: shown[0]?.at.toISOString() ?? null };
}

function findProject(config: HeedConfig, projectKey: string) {
  const project = config.projects.find((p) => p.key === projectKey);
  if (!project) throw new errors.unknownProject(projectKey);
  return project;
}

function findSurvey(config: HeedConfig, projectKey: string, surveyId: string): Survey {
  findProject(config, projectKey);
  const survey = config.surveys.find((s) => s.id === surveyId && s.project === projectKey);
  if (!survey) throw new errors.unknownSurvey(surveyId, projectKey);
  return survey;
}
