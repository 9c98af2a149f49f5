/** The demo pages (only when `demo: true` in the config): `/demo`, `/demo/cancel` and their assets. */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { packagePath } from '../../package-path.ts';
import { demoCancelPage, demoProductPage } from '../pages/demo-pages.ts';
import { sendPage } from '../pages/layout.ts';

const DEMO_ASSETS_DIR = packagePath('src/http/demo-assets/');

export const demoRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: DEMO_ASSETS_DIR,
    prefix: '/demo/',
    decorateReply: false,
    index: false,
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply) => reply.header('Cache-Control', 'no-cache'),
  });
  app.get('/demo', { schema: { hide: true } }, async (_request, reply) => sendPage(reply, 200, demoProductPage()));
  app.get('/demo/cancel', { schema: { hide: true } }, async (_request, reply) => sendPage(reply, 200, demoCancelPage()));
};
