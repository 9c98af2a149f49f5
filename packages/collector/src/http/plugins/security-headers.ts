/** Sets the security headers on every reply, before any route, parser or error handler runs. */
import fp from 'fastify-plugin';
import { SECURITY_HEADERS } from '../security-headers.ts';

export default fp(
  async (app) => {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(SECURITY_HEADERS);
      done();
    });
  },
  { name: 'heed-security-headers', fastify: '5.x' },
);
