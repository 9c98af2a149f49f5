/** Admin: the dashboards' reports, NPS over time, cancel/uninstall reasons by month and plan, uninstall reasons by version. */
import { ReportQuerySchema, UninstallVersionsQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { npsReport, reasonsReport } from '../../domain/reports.ts';
import { uninstallVersionsReport } from '../../domain/uninstall-versions.ts';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.services;

  app.get('/v1/reports/nps', { schema: { querystring: ReportQuerySchema } }, async (request) => npsReport(deps, request.query));

  app.get('/v1/reports/reasons', { schema: { querystring: ReportQuerySchema } }, async (request) => reasonsReport(deps, request.query));

  app.get('/v1/reports/uninstall-versions', { schema: { querystring: UninstallVersionsQuerySchema } }, async (request) =>
    uninstallVersionsReport(deps, request.query),
  );
};
