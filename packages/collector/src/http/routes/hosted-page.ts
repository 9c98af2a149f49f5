/**
 * `GET /s/:surveyId`: the hosted survey page, opened by an extension's uninstall URL or a survey link. Its
 * query carries context stored with the answer; a bad link gets a readable HTML page, not JSON.
 */
import { HostedPageQuerySchema, SlugSchema } from '@heed/shared';
import type { FastifyPluginAsync } from 'fastify';
import { formatIssues } from '../format-issues.ts';
import { hostedSurveyPage, messagePage } from '../pages/hosted-page.ts';
import { sendPage } from '../pages/layout.ts';

const UNAVAILABLE = ['Survey not available', 'This survey is closed or the link is wrong. Thank you anyway!'] as const;

export const hostedPageRoutes: FastifyPluginAsync = async (app) => {
  // The effective config's active surveys (survey settings change them), read per request.
  const activeSurvey = (id: string) => app.heedConfig.surveys.find((survey) => survey.id === id && survey.active);
  app.get<{ Params: { surveyId: string } }>('/s/:surveyId', { schema: { hide: true } }, async (request, reply) => {
    const surveyId = SlugSchema.safeParse(request.params.surveyId);
    const survey = surveyId.success ? activeSurvey(surveyId.data) : undefined;
    if (!survey) return sendPage(reply, 404, messagePage(...UNAVAILABLE));

    const query = HostedPageQuerySchema.safeParse(request.query);
    if (!query.success) {
      return sendPage(reply, 400, messagePage('This link is not valid', formatIssues(query.error.issues, 'query').join('; ')));
    }
    const { installId, version, extensionVersion, locale, plan } = query.data;
    return sendPage(
      reply,
      200,
      hostedSurveyPage({
        endpoint: '',
        projectKey: survey.project,
        survey,
        context: { installId, extensionVersion: extensionVersion ?? version, locale, plan },
      }),
    );
  });
};
