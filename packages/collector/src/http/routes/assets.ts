/** `GET /assets/*`: the collector's own page styles (hosted survey page). */
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));

export const assetRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply) => reply.header('Cache-Control', 'public, max-age=300'),
  });
};
