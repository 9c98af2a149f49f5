/**
 * `GET /console/*`: the PM console, a single-page app built into `public/console/` (`pnpm build`). Its
 * hashed assets are cached for good (a missing one is a 404); every other path under `/console` gets the
 * app's page, which routes on the client, under the same strict policy as every other page (PAGE_CSP). It
 * holds no data: the app asks for the admin token and calls the admin API with it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, RouteHandlerMethod } from 'fastify';
import { errors } from '../../errors.ts';
import { packagePath } from '../../package-path.ts';
import { PAGE_CSP } from '../pages/layout.ts';

export const CONSOLE_DIR = packagePath('public/console/');

export const consoleRoutes: FastifyPluginAsync<{ consoleDir?: string }> = async (app, { consoleDir = CONSOLE_DIR }) => {
  const assetsDir = join(consoleDir, 'assets');
  if (existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/console/assets/',
      decorateReply: false,
      index: false,
      cacheControl: false,
      preCompressed: true, // the build writes a .br and a .gz beside each asset
      setHeaders: (reply) => reply.header('Cache-Control', 'public, max-age=31536000, immutable'),
    });
  }

  const sendPage: RouteHandlerMethod = async (_request, reply) => {
    let page: string;
    try {
      page = await readFile(join(consoleDir, 'index.html'), 'utf8');
    } catch {
      throw errors.notFound('the console build (run "pnpm build")');
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', PAGE_CSP)
      .header('Referrer-Policy', 'no-referrer')
      .send(page);
  };
  app.get('/console', { schema: { hide: true } }, sendPage);
  app.get('/console/*', { schema: { hide: true } }, sendPage);
};
