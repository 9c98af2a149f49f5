/**
 * Helpdesk and CRM case events: `POST /v1/integrations/cases`, signed like Heed's own webhooks
 * (`Heed-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, 5-minute window), or with
 * Zendesk's native webhook signature. The body is read through the config's field map (docs/intake.md
 * has Salesforce and Zendesk examples).
 */
import { FeedbackDraftSchema, type CasesIntake } from '@heed/shared';
import type { FastifyPluginAsync } from 'fastify';
import { takeInFeedback } from '../../domain/intake.ts';
import { errors } from '../../errors.ts';
import { caseDraft } from '../../intake/cases.ts';
import { verifyHeed, verifyZendesk } from '../../intake/signatures.ts';
import { formatIssues } from '../format-issues.ts';
import { assertVerified, intakeDeps, intakeErrors, mediaType, parseJson, parseRawBodies, rawBody, type IntakeRouteOptions } from './intake-support.ts';

export interface CasesRouteOptions extends IntakeRouteOptions {
  settings: CasesIntake;
}

function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export const casesIntakeRoutes: FastifyPluginAsync<CasesRouteOptions> = async (app, options) => {
  const { settings } = options;
  const deps = intakeDeps(app, options);
  parseRawBodies(app);

  app.post('/v1/integrations/cases', { bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const raw = rawBody(request.body);
    const zendesk = header(request.headers['x-zendesk-webhook-signature']);
    const heed = header(request.headers['heed-signature']);
    assertVerified(
      heed === undefined && zendesk !== undefined
        ? verifyZendesk(settings.secret, { signature: zendesk, timestamp: header(request.headers['x-zendesk-webhook-signature-timestamp']) }, raw, app.clock())
        : verifyHeed(settings.secret, heed, raw, app.clock()),
    );
    if (mediaType(request.headers['content-type']) !== 'application/json') throw new intakeErrors.mediaType('content-type must be application/json');
    const step = caseDraft(parseJson(raw), app.heedConfig);
    if (step.kind === 'invalid') throw new errors.validation(step.message);
    const draft = FeedbackDraftSchema.safeParse(step.draft);
    if (!draft.success) throw new errors.validation(formatIssues(draft.error.issues, 'case').join('; '));
    const result = await takeInFeedback(deps, draft.data);
    return reply.status(result.duplicate ? 200 : 202).send(result);
  });
};
