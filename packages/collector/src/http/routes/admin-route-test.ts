/**
 * Admin: `POST /v1/routes/test`, "who would get this answer?": the owner an answer with these facts would
 * be routed to now, by which rule and why, from the same routing function ingest uses (domain/routing.ts).
 */
import { RouteTestBodySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { whoWouldGet } from '../../domain/route-test.ts';

export const adminRouteTestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app;
  app.post('/v1/routes/test', { schema: { body: RouteTestBodySchema }, config: { errorStatuses: [404] } }, async (request) =>
    whoWouldGet(services.config, request.body, services.clock()),
  );
};
