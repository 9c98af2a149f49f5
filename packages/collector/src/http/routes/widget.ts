/**
 * `GET /widget/*`: the widget build. The loader (`heed.js`) and the hosted page script keep stable names
 * and a short cache, so a new release reaches every host page within minutes; the chunks they load carry a
 * content hash and are cached for good. Any site may load them (they are public).
 */
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** The widget package's build output (`pnpm --filter @heed/widget build`). */
export function defaultWidgetDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@heed/widget/package.json')), 'dist');
}

/** `ui-B3xk9QzA.js`: a build chunk named with Vite's 8-character content hash. */
const HASHED = /-[A-Za-z0-9_-]{8}\.(?:js|css)$/;

export function widgetCacheControl(path: string): string {
  return HASHED.test(basename(path)) ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
}

export const widgetRoutes: FastifyPluginAsync<{ widgetDir: string }> = async (app, { widgetDir }) => {
  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/widget/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', widgetCacheControl(path));
      reply.header('Access-Control-Allow-Origin', '*');
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    },
  });
};
