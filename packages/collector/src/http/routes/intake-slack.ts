/**
 * Slack's message shortcut "Send to Heed": `POST /v1/integrations/slack/interactions`, verified with the
 * app's v0 signing secret over the raw body (5-minute window). The message becomes an item linking to it;
 * the confirmation goes to the payload's `response_url` as an ephemeral message, seen only by the person
 * who used the shortcut. Slack wants an answer within 3 s, so the confirmation has 2.5 s.
 */
import { FeedbackDraftSchema, type SlackIntake } from '@heed/shared';
import type { FastifyPluginAsync } from 'fastify';
import { takeInFeedback } from '../../domain/intake.ts';
import { errors } from '../../errors.ts';
import { verifySlack } from '../../intake/signatures.ts';
import { ephemeralReply, readSlackPayload, slackDraft } from '../../intake/slack.ts';
import { assertVerified, intakeDeps, intakeErrors, mediaType, parseRawBodies, rawBody, type IntakeRouteOptions } from './intake-support.ts';

export interface SlackRouteOptions extends IntakeRouteOptions {
  settings: SlackIntake;
  fetch: typeof globalThis.fetch;
}

const CONFIRM_TIMEOUT_MS = 2500;

export const slackIntakeRoutes: FastifyPluginAsync<SlackRouteOptions> = async (app, options) => {
  const { settings, fetch } = options;
  const deps = intakeDeps(app, options);
  parseRawBodies(app);

  async function confirm(responseUrl: string, text: string): Promise<void> {
    try {
      const answer = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ephemeralReply(text)),
        signal: AbortSignal.timeout(CONFIRM_TIMEOUT_MS),
      });
      if (!answer.ok) app.log.warn({ status: answer.status }, 'Slack did not take the confirmation');
    } catch (error) {
      app.log.warn({ err: error }, 'Slack confirmation failed');
    }
  }

  app.post('/v1/integrations/slack/interactions', { bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const raw = rawBody(request.body);
    const signature = request.headers['x-slack-signature'];
    const timestamp = request.headers['x-slack-request-timestamp'];
    assertVerified(
      verifySlack(settings.signingSecret, { signature: typeof signature === 'string' ? signature : undefined, timestamp: typeof timestamp === 'string' ? timestamp : undefined }, raw, app.clock()),
    );
    if (mediaType(request.headers['content-type']) !== 'application/x-www-form-urlencoded') {
      throw new intakeErrors.mediaType('content-type must be application/x-www-form-urlencoded (payload=<JSON>), as Slack sends interactions');
    }
    const payload = readSlackPayload(raw.toString('utf8'));
    if (payload.kind === 'invalid') throw new errors.validation(payload.message);
    // Other interactions and shortcuts of the same app are not Heed's: acknowledge them, do nothing.
    if (payload.kind === 'other' || payload.action.callback_id !== settings.callbackId) return reply.status(200).send();

    const { action } = payload;
    const draft = FeedbackDraftSchema.safeParse(slackDraft(action, settings.feedbackType));
    if (!draft.success) {
      await confirm(action.response_url, 'Heed keeps messages with text only: this one has none.');
      return reply.status(200).send();
    }
    const result = await takeInFeedback(deps, draft.data);
    const item = await app.store.items.get(result.id);
    const owner = item?.routing.owner ? app.heedConfig.owners.find((o) => o.id === item.routing.owner)?.name : undefined;
    const text = result.duplicate
      ? 'This message is already in Heed.'
      : `Sent to Heed${owner ? `: ${owner} will see it` : ''}.`;
    await confirm(action.response_url, text);
    return reply.status(200).send();
  });
};
