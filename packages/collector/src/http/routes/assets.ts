/**
 * `GET /assets/*`: the collector's own page styles (hosted survey page). The build copies them to
 * `public/assets/` with `.br` / `.gz` siblings (console/vite.config.ts), served by Accept-Encoding; without
 * a build they are read from the source.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { packagePath } from '../../package-path.ts';

export const ASSETS_DIR = packagePath('src/http/assets/');
export const BUILT_ASSETS_DIR = packagePath('public/assets/');

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
