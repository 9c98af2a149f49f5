/** Admin: responses, filtered and cursor-paginated, and the same selection as a CSV download. */
import { Readable } from 'node:stream';
import { ResponseQuerySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listResponses, presentResponse, responsesCsv } from '../../domain/responses-query.ts';

export const adminResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/responses', { schema: { querystring: ResponseQuerySchema } }, async (request) => {
    const page = await listResponses(app.store, request.query);
    return { items: page.items.map(presentResponse), nextCursor: page.nextCursor };
  });

  app.get('/v1/responses.csv', { schema: { querystring: ResponseQuerySchema } }, async (request, reply) => {
    const day = app.clock().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="heed-responses-${day}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(Readable.from(responsesCsv(app.store, request.query)));
  });
};
