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
  /**
   * From now on, requests whose path starts with `prefix` get no answer, like a server that accepts the
   * connection and hangs. `release()` ends the hold and serves the held requests as they would have been
   * (a /v1 one reaches the collector then, even if the browser gave up on it long before). `pass()` lets
   * new requests through while those already held stay held.
   */
  hold(prefix: string): { pass(): void; release(): void };
  /** Paths requested so far, in the order they arrived. */
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
  const holds = new Map<string, Array<() => void>>();

  /**
   * Forward to the collector on a fresh connection each time, so stopping it never waits on a kept-alive
   * one. The body is read first, so a held request can still be forwarded after its client went away.
   */
  function passThrough(request: IncomingMessage, response: ServerResponse, body: Buffer): void {
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
      if (response.destroyed) return void reply.resume();
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    upstream.on('error', () => request.socket.destroy());
    upstream.end(body);
  }

  const server = createServer((request, response) => {
    requested.push(new URL(request.url!, 'http://host').pathname);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const serve = () => handle(request, response, Buffer.concat(chunks));
      const path = new URL(request.url!, 'http://host').pathname;
      const held = [...holds.entries()].find(([prefix]) => path.startsWith(prefix));
      if (held) held[1].push(serve);
      else serve();
    });
  });

  function handle(request: IncomingMessage, response: ServerResponse, body: Buffer): void {
    const path = new URL(request.url!, 'http://host').pathname;
    if (path.startsWith('/v1/')) return passThrough(request, response, body);
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
  }
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
    hold(prefix) {
      const waiting: Array<() => void> = [];
      holds.set(prefix, waiting);
      const pass = () => {
        if (holds.get(prefix) === waiting) holds.delete(prefix);
      };
      return {
        pass,
        release() {
          pass();
          for (const serve of waiting.splice(0)) serve();
        },
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
