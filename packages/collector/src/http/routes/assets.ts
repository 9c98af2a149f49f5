/**
 * `GET /assets/*`: the collector's own page styles (hosted survey page). The build copies them to
 * `public/assets/` with `.br` / `.gz` siblings (console/vite.config.ts), served by Accept-Encoding; without
 * a build they are read from the source.
 */
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const ASSETS_DIR = fileURLToPath(new URL('../assets/', import.meta.url));
export const BUILT_ASSETS_DIR = fileURLToPath(new URL('../../../public/assets/', import.meta.url));

export const assetRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    // Tried in order: the build's copies (with their compressed siblings), then the source.
    root: [BUILT_ASSETS_DIR, ASSETS_DIR],
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    wildcard: false,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (reply) => reply.header('Cache-Control', 'public, max-age=300'),
  });
};
