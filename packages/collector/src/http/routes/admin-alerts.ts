/** Admin: the alert outbox, the attempts made for one alert, and a manual retry of an alert that failed. */
import { AlertQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAlertAttempts, listAlerts, retryAlert } from '../../domain/outbox.ts';

const AlertParams = z.object({ id: z.string().min(1).max(200) });

export const adminAlertRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock } = app.services;

  app.get('/v1/alerts', { schema: { querystring: AlertQuerySchema } }, async (request) => listAlerts(store, request.query));

  app.get('/v1/alerts/:id/attempts', { schema: { params: AlertParams } }, async (request) => listAlertAttempts(store, request.params.id));

  app.post('/v1/alerts/:id/retry', { schema: { params: AlertParams }, config: { errorStatuses: [409] } }, async (request) =>
    retryAlert(store, request.params.id, clock()),
  );
};
