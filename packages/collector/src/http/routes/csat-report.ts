/** Admin: the CSAT report, the share of satisfied answers (4-5 of 5) per period with its 95% Wilson interval. */
import { ReportQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csatReport } from '../../domain/csat-report.ts';

export const csatReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.services;

  app.get(
    '/v1/reports/csat',
    {
      schema: {
        summary: 'CSAT per period: responses, satisfied (4-5), their share and its 95% Wilson score interval',
        querystring: ReportQuerySchema,
      },
    },
    async (request) => csatReport(deps, request.query),
  );
};
