/**
 * The demo webhook receiver: `POST /demo/inbox/:ownerId` checks `Heed-Signature` with that owner's secret,
 * as a real receiver should, and keeps the last deliveries in memory (a redelivery with the same
 * `Heed-Delivery-Id` is acknowledged, not kept twice). `GET /demo/inbox` shows them; `/demo/inbox.json`
 * returns them.
 */
import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../../errors.ts';
import { verifyWebhookSignature } from '../../notify/webhook.ts';
import { parseJsonBody } from '../json-body.ts';
import { demoInboxPage, type InboxEntry } from '../pages/demo-pages.ts';
import { sendPage } from '../pages/layout.ts';

const KEEP = 100;

export const demoInboxRoutes: FastifyPluginAsync = async (app) => {
  /** Newest first. */
  const entries: InboxEntry[] = [];

  // The signature covers the exact bytes sent: keep the body as text in this plugin.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post<{ Params: { ownerId: string }; Body: string }>('/demo/inbox/:ownerId', { schema: { hide: true } }, async (request, reply) => {
    const owner = app.heedConfig.owners.find((candidate) => candidate.id === request.params.ownerId);
    if (!owner?.webhookSecret) throw errors.notFound(`webhook receiver for owner "${request.params.ownerId}"`);
    const signature = request.headers['heed-signature'];
    const body = typeof request.body === 'string' ? request.body : '';
    if (typeof signature !== 'string' || !verifyWebhookSignature(owner.webhookSecret, body, signature, app.clock())) {
      throw errors.signature();
    }
    const deliveryId = request.headers['heed-delivery-id'];
    if (typeof deliveryId !== 'string' || deliveryId === '') throw errors.validation('headers.heed-delivery-id: required');
    const payload = parseJsonBody(body);

    const duplicate = entries.some((entry) => entry.deliveryId === deliveryId);
    if (!duplicate) {
      entries.unshift({ deliveryId, ownerId: owner.id, receivedAt: app.clock().toISOString(), payload });
      entries.length = Math.min(entries.length, KEEP);
    }
    return reply.status(200).send({ received: true, duplicate });
  });

  app.get('/demo/inbox', { schema: { hide: true } }, async (_request, reply) => sendPage(reply, 200, demoInboxPage(entries)));
  app.get('/demo/inbox.json', { schema: { hide: true } }, async () => ({ deliveries: entries }));
};
