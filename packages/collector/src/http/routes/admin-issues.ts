/**
 * Admin: issues and features with the feedback linked to them (`GET /v1/issues`, newest or most asked
 * first), and linking one item to an issue (`POST /v1/items/:id/issue`) or unlinking it (`DELETE`), kept
 * in the item's triage history.
 */
import { ActorHeadersSchema, IssueLinkBodySchema, IssueQuerySchema, IssueSummarySchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linkIssue, listIssues, unlinkIssue } from '../../domain/issues.ts';
import { actorOf } from '../actor.ts';


const Params = z.object({ id: z.string().min(1).max(200) });

export const adminIssueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, clock, channelSettings } = app.services;
  const deps = {
    store,
    get config() {
      return app.services.config;
    },
    clock,
    channels: channelSettings,
  };

  app.get(
    '/v1/issues',
    { schema: { querystring: IssueQuerySchema, response: { 200: z.object({ items: z.array(IssueSummarySchema), nextCursor: z.string().nullable() }) } } },
    async (request) => listIssues(deps, request.query),
  );

  app.post(
    '/v1/items/:id/issue',
    { schema: { params: Params, headers: ActorHeadersSchema, body: IssueLinkBodySchema, response: { 200: z.object({ issue: IssueSummarySchema }) } }, config: { errorStatuses: [409] } },
    async (request) => ({ issue: await linkIssue(deps, request.params.id, request.body, actorOf(request.headers)) }),
  );

  app.delete(
    '/v1/items/:id/issue',
    { schema: { params: Params, headers: ActorHeadersSchema, response: { 200: z.object({ unlinked: z.string() }) } }, config: { errorStatuses: [409] } },
    async (request) => ({ unlinked: (await unlinkIssue(deps, request.params.id, actorOf(request.headers))).url }),
  );
};
