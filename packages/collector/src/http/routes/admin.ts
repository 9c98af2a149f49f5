/** The admin API: every route in here requires the admin bearer token. */
import type { FastifyPluginAsync } from 'fastify';
import type { Mailer } from '../../notify/email.ts';
import { requireAdminToken } from '../admin-auth.ts';
import { adminAlertRoutes } from './admin-alerts.ts';
import { adminCatalogRoutes } from './admin-catalog.ts';
import { adminIssueRoutes } from './admin-issues.ts';
import { adminTellThemRoutes } from './admin-tell-them.ts';
import { adminItemRoutes } from './admin-items.ts';
import { adminRespondentRoutes } from './admin-respondents.ts';
import { adminResponseRoutes } from './admin-responses.ts';
import { adminRouteTestRoutes } from './admin-route-test.ts';
import { adminRoutingRoutes } from './admin-routing.ts';
import { adminSurveyRoutes } from './admin-surveys.ts';
import { csatReportRoutes } from './csat-report.ts';
import { digestRoutes } from './digests.ts';
import { reportRoutes } from './reports.ts';
import { teamUpdateRoutes } from './team-update.ts';

export const adminRoutes: FastifyPluginAsync<{ adminToken: string | undefined; mailer?: Mailer }> = async (app, { adminToken, mailer }) => {
  app.addHook('onRequest', requireAdminToken(adminToken));
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: [{ adminToken: [] }] }; // documented in /openapi.json
  });
  await app.register(adminResponseRoutes);
  await app.register(adminRespondentRoutes);
  await app.register(adminAlertRoutes);
  await app.register(adminItemRoutes);
  await app.register(adminIssueRoutes);
  await app.register(adminTellThemRoutes, { ...(mailer && { mailer }) });
  await app.register(adminCatalogRoutes);
  await app.register(adminSurveyRoutes);
  await app.register(adminRouteTestRoutes);
  await app.register(adminRoutingRoutes);
  await app.register(reportRoutes);
  await app.register(csatReportRoutes);
  await app.register(digestRoutes);
  await app.register(teamUpdateRoutes);
};
