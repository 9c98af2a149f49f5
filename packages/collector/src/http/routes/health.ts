/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store answers too). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const StatusBody = z.object({ status: z.literal('ok') });

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { response: { 200: StatusBody } } }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', { schema: { response: { 200: StatusBody } } }, async () => {
    await app.store.ping(); // rejects with 503 HEED_ERR_STORE_UNAVAILABLE
    return { status: 'ok' as const };
  });
};
