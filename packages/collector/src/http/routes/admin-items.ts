/**
 * Admin: the inbox of every source (survey answers and intake items), filtered and cursor-paginated, the same
 * selection as a CSV download, one entry, and triage of one entry (status, owner, linked issue, tags), kept in
 * its history; a new owner is alerted.
 */
import { Readable } from 'node:stream';
import { ActorHeadersSchema, ItemQuerySchema, TriagePatchSchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findEntry, itemsCsv, listItems, presentAnswerAsItem, presentEntry, presentItem } from '../../domain/items-query.ts';
import { updateItemTriage, updateTriage } from '../../domain/triage.ts';
import { errors } from '../../errors.ts';
import { actorOf } from '../actor.ts';


const Params = z.object({ id: z.string().min(1).max(200) });

export const adminItemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock, channelSettings } = app.services;

  app.get('/v1/items', { schema: { querystring: ItemQuerySchema } }, async (request) => listItems(store, request.query));

  const csvAnswer = { description: 'The selected feedback as CSV, one row each', content: { 'text/csv': { schema: z.string() } } };
  app.get('/v1/items.csv', { schema: { querystring: ItemQuerySchema, response: { 200: csvAnswer } } }, async (request, reply) => {
    const day = clock().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="heed-feedback-${day}.csv"`)
      .header('Cache-Control', 'no-store')
      // Streamed as it is read, never one string in memory.
      .send(Readable.from(itemsCsv(store, request.query)) as unknown as string);
  });

  app.get('/v1/items/:id', { schema: { params: Params } }, async (request) => {
    const entry = await findEntry(store, request.params.id);
    if (!entry) throw new errors.notFound(`item "${request.params.id}"`);
    return presentEntry(entry);
  });

  app.patch('/v1/items/:id', { schema: { params: Params, headers: ActorHeadersSchema, body: TriagePatchSchema }, config: { errorStatuses: [409] } }, async (request) => {
    const { id } = request.params;
    const actor = actorOf(request.headers);
    const entry = await findEntry(store, id);
    if (!entry) throw new errors.notFound(`item "${id}"`);
    const deps = { store, config: app.services.config, clock, channels: channelSettings };
    return entry.source === 'survey'
      ? presentAnswerAsItem(await updateTriage(deps, id, request.body, actor))
      : presentItem(await updateItemTriage(deps, id, request.body, actor));
  });
};
