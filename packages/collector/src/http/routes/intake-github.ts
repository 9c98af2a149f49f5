/**
 * GitHub webhooks: `POST /v1/integrations/github`, verified by `X-Hub-Signature-256` over the raw body.
 * `issues` and `issue_comment` deliveries for issues with a feedback label become items; later deliveries
 * about the same issue revise its item (a late redelivery older than what is stored changes nothing).
 * `ping` answers 200. A repeated delivery (same `X-GitHub-Delivery`) stores nothing twice: the item is
 * keyed by the issue's or comment's node id, and a revision sets state and labels to what they are.
 */
import { FeedbackDraftSchema, type FeedbackDraftInput, type GithubIntake } from '@heed/shared';
import type { FastifyPluginAsync } from 'fastify';
import { reviseFeedback, takeInFeedback, type IntakeDeps } from '../../domain/intake.ts';
import { followIssue } from '../../domain/issues.ts';
import { errors } from '../../errors.ts';
import { githubStep, isStale } from '../../intake/github.ts';
import { linkedIssueChange } from '../../intake/github-issues.ts';
import { verifyGithub } from '../../intake/signatures.ts';
import { formatIssues } from '../format-issues.ts';
import { assertVerified, intakeDeps, intakeErrors, mediaType, parseJson, parseRawBodies, rawBody, type IntakeRouteOptions } from './intake-support.ts';

export interface GithubRouteOptions extends IntakeRouteOptions {
  settings: GithubIntake;
}

function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

async function take(deps: IntakeDeps, input: FeedbackDraftInput) {
  const draft = FeedbackDraftSchema.safeParse(input);
  if (!draft.success) throw new errors.validation(formatIssues(draft.error.issues, 'item').join('; '));
  return takeInFeedback(deps, draft.data);
}

export const githubIntakeRoutes: FastifyPluginAsync<GithubRouteOptions> = async (app, options) => {
  const { settings } = options;
  const deps = intakeDeps(app, options);
  parseRawBodies(app);

  app.post('/v1/integrations/github', { bodyLimit: 5 * 1024 * 1024 }, async (request, reply) => {
    const raw = rawBody(request.body);
    assertVerified(verifyGithub(settings.webhookSecret, header(request.headers['x-hub-signature-256']), raw));
    const event = header(request.headers['x-github-event']);
    const delivery = header(request.headers['x-github-delivery']);
    if (!event) throw new errors.validation('headers.x-github-event: required');
    if (event === 'ping') return reply.status(200).send({ ok: true });

    const type = mediaType(request.headers['content-type']);
    let payload: unknown;
    if (type === 'application/json') payload = parseJson(raw);
    else if (type === 'application/x-www-form-urlencoded') payload = parseJson(Buffer.from(new URLSearchParams(raw.toString('utf8')).get('payload') ?? '', 'utf8'));
    else throw new intakeErrors.mediaType('content-type must be application/json (or the form encoding GitHub offers)');

    const step = githubStep(event, payload, settings);
    request.log.info({ event, delivery, step: step.kind }, 'GitHub delivery');
    // Feedback linked to this issue follows it: closed moves the items to actioned (domain/issues.ts).
    const change = step.kind === 'invalid' ? null : linkedIssueChange(event, payload);
    const followed = change ? await followIssue({ ...deps, config: app.heedConfig }, change, 'github') : null;
    const linked = followed && { issue: followed.issue.url, state: followed.issue.state, actioned: followed.actioned };
    switch (step.kind) {
      case 'invalid':
        throw new errors.validation(step.message);
      case 'ignore':
        return reply.status(200).send(linked ?? { ignored: step.reason });
      case 'take': {
        const result = await take(deps, step.draft);
        return reply.status(result.duplicate ? 200 : 202).send(result);
      }
      case 'revise': {
        const stored = await app.store.items.bySource('github', step.sourceId);
        if (!stored) {
          if (!step.orTake) return reply.status(200).send(linked ?? { ignored: 'not an item in Heed' });
          const result = await take(deps, step.orTake);
          return reply.status(result.duplicate ? 200 : 202).send(result);
        }
        if (isStale(stored.details.updatedAt, step.updatedAt)) return reply.status(200).send({ id: stored._id, revised: false });
        const revised = await reviseFeedback(deps, 'github', step.sourceId, step.revision);
        return reply.status(200).send({ id: revised?._id ?? stored._id, revised: revised !== null });
      }
    }
  });
};
