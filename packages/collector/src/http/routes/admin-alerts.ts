/** Admin: the alert outbox, and a manual retry of an alert that failed. */
import { AlertQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAlerts, retryAlert } from '../../domain/outbox.ts';

export const adminAlertRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/alerts', { schema: { querystring: AlertQuerySchema } }, async (request) => listAlerts(app.store, request.query));

  app.post('/v1/alerts/:id/retry', { schema: { params: z.object({ id: z.string().min(1).max(200) }) }, config: { errorStatuses: [409] } }, async (request) =>
    retryAlert(app.store, request.params.id, app.clock()),
  );
};
