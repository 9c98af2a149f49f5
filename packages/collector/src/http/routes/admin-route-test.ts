/**
 * Admin: the routing rules as the collector applies them (`GET /v1/routes`: the config file's ordered
 * rules with their owners' names, and the rotation), and `POST /v1/routes/test`, "who would get this answer?": the owner an answer with these facts would
 * be routed to now, by which rule and why, from the same routing function ingest uses (domain/routing.ts).
 */
import { RouteTestBodySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { whoWouldGet } from '../../domain/route-test.ts';

export const adminRouteTestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app;
  app.get('/v1/routes', async () => {
    const { config, catalog } = services;
    const named = (id: string) => ({ id, name: catalog.owner(id)?.name ?? id });
    return {
      routes: config.routes.map((route, index) => ({ index, when: route.when, owner: named(route.owner) })),
      ...(config.rotation && { rotation: { ...config.rotation, owners: config.rotation.owners.map(named) } }),
    };
  });
  app.post('/v1/routes/test', { schema: { body: RouteTestBodySchema }, config: { errorStatuses: [404] } }, async (request) =>
    whoWouldGet(services.config, request.body, services.clock()),
  );
};
