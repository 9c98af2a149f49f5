/**
 * `GET /widget/*`: the widget build. The loader (`heed.js`) and the hosted page script keep stable names
 * and a short cache, so a new release reaches every host page within minutes; the chunks they load carry a
 * content hash and are cached for good. Any site may load them (they are public).
 */
import { readFileSync } from 'node:fs';
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

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The stable names (heed.js, hosted.js): a new release reaches every page within minutes; ETag revalidates. */
export const SHORT_LIVED = 'public, max-age=300';

/**
 * The build's own word on which files are content-hashed (`assets.json`: `immutable`, `stable`), else
 * their names. Both are read once, when the app starts.
 */
export function widgetCacheControl(path: string, immutable?: ReadonlySet<string>): string {
  const name = basename(path).replace(/\.(?:br|gz)$/, '');
  if (immutable) return immutable.has(name) ? IMMUTABLE : SHORT_LIVED;
  return HASHED.test(name) ? IMMUTABLE : SHORT_LIVED;
}

function readImmutable(widgetDir: string): ReadonlySet<string> | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(widgetDir, 'assets.json'), 'utf8')) as { immutable?: unknown };
    return Array.isArray(manifest.immutable) ? new Set(manifest.immutable.filter((name) => typeof name === 'string')) : undefined;
  } catch {
    return undefined; // an older build without the manifest: names decide
  }
}

export const widgetRoutes: FastifyPluginAsync<{ widgetDir: string }> = async (app, { widgetDir }) => {
  const immutable = readImmutable(widgetDir);
  await app.register(fastifyStatic, {
    root: widgetDir,
    prefix: '/widget/',
    decorateReply: false,
    index: false,
    cacheControl: false,
    // `.br` / `.gz` siblings written by the build, chosen by Accept-Encoding (and `Vary: Accept-Encoding`);
    // a file without them is sent as it is.
    preCompressed: true,
    setHeaders: (reply, path) => {
      reply.header('Cache-Control', widgetCacheControl(path, immutable));
      reply.header('Access-Control-Allow-Origin', '*');
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    },
  });
};
