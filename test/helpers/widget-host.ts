/**
 * A customer's site for widget tests, on its own origin (127.0.0.1, its own port): it serves the pages a
 * test gives it, the widget build at /widget/* (as a site that self-hosts heed.js would), and passes /v1/*
 * through to the collector, so a page under `default-src 'self'` can reach it. The collector can be
 * swapped (a restart on another port) or cut off: connections are then dropped, as when it is down.
 */
import { readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { type HeedConfig, HeedConfigSchema } from '@heed/shared';
import { ensureBuild } from '@heed/widget/build';

export interface WidgetHost {
  url: string;
  /** Serve `body` at `path` (a page, or a same-origin script), with extra response headers. */
  serve(path: string, body: string, headers?: Record<string, string>): void;
  /** Where /v1/* goes; `null` drops those connections, like a collector that is down. */
  setCollector(url: string | null): void;
  /** Paths requested so far, in order. */
  requested: string[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** The surveys widget tests use: an NPS prompt shown at once, the cancel form and the exit survey; `origin` may call. */
export function widgetTestConfig(collectorUrl: string, origin: string, overrides: Partial<HeedConfig['surveys'][number]> = {}): HeedConfig {
  return HeedConfigSchema.parse({
    publicUrl: collectorUrl,
    projects: [{ key: 'pk_demo', name: 'Demo app', allowedOrigins: [origin], cooldownDays: 30 }],
    surveys: [
      { id: 'app-nps', project: 'pk_demo', kind: 'nps', productArea: 'editor', recontactDays: 90, delayMs: 0, ...overrides },
      {
        id: 'portal-cancel',
        project: 'pk_demo',
        kind: 'cancel',
        productArea: 'billing',
        reasons: [
          { id: 'too-expensive', label: 'Too expensive' },
          { id: 'missing-features', label: 'Missing features I need' },
        ],
      },
      {
        id: 'extension-exit',
        project: 'pk_demo',
        kind: 'uninstall',
        productArea: 'extension',
        reasons: [
          { id: 'not-useful', label: "I didn't find it useful" },
          { id: 'too-slow', label: 'It slowed my browser down' },
        ],
      },
    ],
  });
}

export async function startWidgetHost(): Promise<WidgetHost> {
  const dist = await ensureBuild();
  const pages = new Map<string, { body: string; headers: Record<string, string> }>();
  const requested: string[] = [];
  let collector: string | null = null;

  /** Forward to the collector on a fresh connection each time, so stopping it never waits on a kept-alive one. */
  function passThrough(request: IncomingMessage, response: ServerResponse): void {
    if (!collector) {
      request.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'origin', 'if-none-match']) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const upstream = httpRequest(new URL(request.url!, collector), { method: request.method, headers, agent: false }, (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    upstream.on('error', () => request.socket.destroy());
    request.pipe(upstream);
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://host').pathname;
    requested.push(path);
    if (path.startsWith('/v1/')) return passThrough(request, response);
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    const page = pages.get(path);
    if (page) {
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? CONTENT_TYPES['.html']!, ...page.headers }).end(page.body);
      return;
    }
    if (path.startsWith('/widget/')) {
      const file = normalize(join(dist, path.slice('/widget/'.length)));
      if (!file.startsWith(dist)) return void response.writeHead(404).end();
      readFile(file).then(
        (body) => response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
        () => response.writeHead(404).end(),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requested,
    serve(path, body, headers = {}) {
      pages.set(path, { body, headers });
    },
    setCollector(next) {
      collector = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
