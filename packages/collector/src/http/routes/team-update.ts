/** Admin: what the coming week's team update holds so far. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildTeamUpdate } from '../../domain/team-update.ts';

export const teamUpdateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/team-update/preview', async () => buildTeamUpdate(app.services));
};
