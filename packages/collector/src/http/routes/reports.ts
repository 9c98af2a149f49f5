/** Admin: the dashboards' reports, NPS over time and cancel/uninstall reasons by month and plan. */
import { ReportQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { npsReport, reasonsReport } from '../../domain/reports.ts';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.services;

  app.get('/v1/reports/nps', { schema: { querystring: ReportQuerySchema } }, async (request) => npsReport(deps, request.query));

  app.get('/v1/reports/reasons', { schema: { querystring: ReportQuerySchema } }, async (request) => reasonsReport(deps, request.query));
};
