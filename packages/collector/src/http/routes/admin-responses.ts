/**
 * Admin: responses, filtered and cursor-paginated, the same selection as a CSV download, one response, and triage
 * (status, owner, linked issue, tags) of one response.
 */
import { Readable } from 'node:stream';
import { ActorHeadersSchema, ResponseQuerySchema, TriagePatchSchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listResponses, presentResponse, responsesCsv } from '../../domain/responses-query.ts';
import { updateTriage } from '../../domain/triage.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../actor.ts';


export const adminResponseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock, channelSettings } = app.services;

  app.get('/v1/responses', { schema: { querystring: ResponseQuerySchema } }, async (request) => {
    const page = await listResponses(store, request.query);
    return { items: page.items.map(presentResponse), nextCursor: page.nextCursor };
  });

  const csvAnswer = { description: 'The selected responses as CSV, one row each', content: { 'text/csv': { schema: z.string() } } };
  app.get('/v1/responses.csv', { schema: { querystring: ResponseQuerySchema, response: { 200: csvAnswer } } }, async (request, reply) => {
    const day = clock().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="heed-responses-${day}.csv"`)
      .header('Cache-Control', 'no-store')
      // Streamed as it is read: the documented text is what the stream writes, never one string in memory.
      .send(Readable.from(responsesCsv(store, request.query)) as unknown as string);
  });

  app.get('/v1/responses/:id', { schema: { params: z.object({ id: z.string().min(1).max(200) }) } }, async (request) => {
    const doc = await store.responses.get(request.params.id);
    if (!doc) throw new errors.notFound(`response "${request.params.id}"`);
    return presentResponse(doc);
  });

  app.patch(
    '/v1/responses/:id',
    {
      schema: { params: z.object({ id: z.string().min(1).max(200) }), headers: ActorHeadersSchema, body: TriagePatchSchema },
      config: { errorStatuses: [409] },
    },
    async (request) => {
      const deps = { store, config: app.services.config, clock, channels: channelSettings };
      const actor = actorOf(request.headers);
      return presentResponse(await updateTriage(deps, request.params.id, request.body, actor));
    },
  );
};
