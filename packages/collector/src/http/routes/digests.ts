/** Admin: what an owner's next weekly digest holds so far. */
import { DigestPreviewQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildDigest } from '../../domain/digest.ts';

export const digestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/digests/preview', { schema: { querystring: DigestPreviewQuerySchema } }, async (request) =>
    buildDigest(app.services, request.query.owner),
  );
};
