/**
 * Every intake path of the config, each registered only when its section is configured: `POST
 * /v1/feedback` and the CSV import always (they need a token), Slack, GitHub and case webhooks, and the
 * email listener.
 */
import fp from 'fastify-plugin';
import { casesIntakeRoutes } from './intake-cases.ts';
import { emailIntake } from './intake-email.ts';
import { feedbackIntakeRoutes } from './intake-feedback.ts';
import { githubIntakeRoutes } from './intake-github.ts';
import { slackIntakeRoutes } from './intake-slack.ts';
import type { IntakeRouteOptions } from './intake-support.ts';

export interface IntakeRoutesOptions extends IntakeRouteOptions {
  adminToken?: string;
  /** For Slack's ephemeral confirmations. */
  fetch: typeof globalThis.fetch;
}

/**
 * Not encapsulated itself (so `app.emailIntake` reaches the app); each path's routes are their own
 * encapsulated plugin with their own body parsers.
 */
export const intakeRoutes = fp<IntakeRoutesOptions>(async (app, { adminToken, fetch, email }) => {
  const { intake } = app.heedConfig;
  await app.register(feedbackIntakeRoutes, { email, adminToken, tokens: intake.tokens });
  if (intake.slack) await app.register(slackIntakeRoutes, { email, settings: intake.slack, fetch });
  if (intake.github) await app.register(githubIntakeRoutes, { email, settings: intake.github });
  if (intake.cases) await app.register(casesIntakeRoutes, { email, settings: intake.cases });
  if (intake.email) await app.register(emailIntake, { email, settings: intake.email });
  else app.decorate('emailIntake', null);
}, { name: 'heed-intake', fastify: '5.x', dependencies: ['heed-store', 'heed-errors'] });
