/**
 * Request bodies: JSON, sent as application/json or as text/plain (what `navigator.sendBeacon` and
 * no-preflight `fetch` send). Both go through Fastify's JSON parser, with its prototype-poisoning guard.
 */
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  },
  { name: 'heed-body-parsers', fastify: '5.x' },
);
