/**
 * Admin: closing the loop. `GET /v1/items/:id/tell-them/preview?locale=` renders the message that tells an
 * item's customer that their issue shipped; `POST /v1/items/:id/tell-them` sends it once through the SMTP
 * mailer; `DELETE /v1/contacts/:email` erases an address from every item it is the contact or reporter
 * of, after which nothing is sent to it.
 */
import { ActorHeadersSchema, ContactErasureSchema, TellThemPreviewSchema, TellThemQuerySchema, TellThemSentSchema } from '@heed/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseContact, previewTellThem, tellThem, type SendMail } from '../../domain/tell-them.ts';
import type { Mailer } from '../../notify/email.ts';
import { actorOf } from '../actor.ts';

const Params = z.object({ id: z.string().min(1).max(200) });

export interface TellThemRouteOptions {
  mailer?: Mailer;
}

export const adminTellThemRoutes: FastifyPluginAsyncZod<TellThemRouteOptions> = async (app, { mailer }) => {
  const { store, clock } = app.services;
  const deps = {
    store,
    get config() {
      return app.services.config;
    },
    clock,
  };
  const send: SendMail | undefined =
    mailer &&
    (async (message) => {
      await mailer.transporter.sendMail({ from: mailer.from, ...message });
    });

  app.get(
    '/v1/items/:id/tell-them/preview',
    { schema: { params: Params, querystring: TellThemQuerySchema, response: { 200: TellThemPreviewSchema } } },
    async (request) => previewTellThem(deps, request.params.id, request.query.locale),
  );

  app.post(
    '/v1/items/:id/tell-them',
    { schema: { params: Params, querystring: TellThemQuerySchema, headers: ActorHeadersSchema, response: { 200: TellThemSentSchema } }, config: { errorStatuses: [409, 502] } },
    async (request) => tellThem(deps, send, request.params.id, request.query.locale, actorOf(request.headers)),
  );

  app.delete(
    '/v1/contacts/:email',
    { schema: { params: z.object({ email: z.email() }), headers: ActorHeadersSchema, response: { 200: ContactErasureSchema } } },
    async (request) => ({ erased: await eraseContact(deps, request.params.email, actorOf(request.headers)) }),
  );
};
