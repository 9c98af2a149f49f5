/** Admin: erasure of one person's data (`DELETE /v1/respondents/:userId`); answers what was removed. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseRespondent } from '../../domain/erasure.ts';

export const adminRespondentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.delete('/v1/respondents/:userId', { schema: { params: z.object({ userId: z.string().min(1).max(200) }) } }, async (request) => ({
    erased: await eraseRespondent(app.services, request.params.userId),
  }));
};
