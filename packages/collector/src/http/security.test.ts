/**
 * The collector's attack surface as a whole: every route is either public by design or refuses a request
 * without the admin token, HTML pages carry their protective headers, no response grants credentialed CORS,
 * and neither the OpenAPI document nor the public survey list carries owners' secrets.
 */
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchHandler } from '../fetch.ts';
import { ADMIN_TOKEN, APP_ORIGIN, buildTestApp, httpTestConfig, submission, type TestApp } from './test-support.ts';

const WEBHOOK_SECRET = 'whsec-do-not-leak-7f3a';
const SLACK_URL = 'https://hooks.slack.example/services/T000/B000/slack-do-not-leak';
const WEBHOOK_URL = 'https://receiver.example/heed/hook-do-not-leak';

const config = () =>
  httpTestConfig({
    demo: true,
    owners: [
      { id: 'pm-editor', name: 'Editor PM', email: 'editor@example.com', slackWebhookUrl: SLACK_URL, webhookUrl: WEBHOOK_URL, webhookSecret: WEBHOOK_SECRET },
      { id: 'pm-growth', name: 'Growth PM' },
    ],
  });

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp({ config: config() });
});
afterEach(async () => {
  await t.close();
});

interface Route {
  path: string;
  methods: string[];
}

/** Every route of the app, read from `printRoutes()`' tree. */
function listRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    if (match[3]) routes.push({ path, methods: match[3].split(', ') });
  }
  return routes;
}

/** Routes anyone may call: the ingest API, health, docs, widget, pages and their assets. */
const PUBLIC = [
  'GET /healthz',
  'GET /readyz',
  'GET /openapi.json',
  'GET /v1/projects/:key/surveys',
  'POST /v1/responses',
  'POST /v1/displays',
  'OPTIONS *',
  'GET /s/:surveyId',
  'GET /assets/*',
  'GET /widget/*',
  'GET /console*',
  'GET /demo*',
  'POST /demo/inbox/:ownerId',
];

function isPublic(method: string, path: string): boolean {
  const asGet = method === 'HEAD' ? 'GET' : method;
  return PUBLIC.some((entry) => {
    const [m, p = ''] = entry.split(' ');
    if (m !== asGet) return false;
    return p.endsWith('*') && p !== '*' ? path.startsWith(p.slice(0, -1)) : path === p;
  });
}

const concrete = (path: string) => path.replace(/:(\w+)/g, 'x_$1');

describe('admin routes', () => {
  it('answer 401 without the admin token or with a wrong one, for every route that is not public', async () => {
    await t.app.ready();
    const routes = listRoutes(t.app);
    expect(routes.map((route) => route.path)).toEqual(expect.arrayContaining(['/v1/responses', '/v1/alerts/:id/retry', '/v1/respondents/:userId']));
    const guarded = routes.flatMap(({ path, methods }) => methods.filter((m) => !isPublic(m, path)).map((method) => ({ method, path })));
    expect(guarded.length).toBeGreaterThanOrEqual(10);
    for (const { method, path } of guarded) {
      for (const authorization of [undefined, `Bearer ${ADMIN_TOKEN}x`, `Basic ${ADMIN_TOKEN}`, ADMIN_TOKEN]) {
        const res = await t.app.inject({
          method: method as 'GET',
          url: concrete(path),
          headers: authorization === undefined ? {} : { authorization },
          ...(method === 'PATCH' || method === 'POST' ? { payload: { status: 'closed' } } : {}),
        });
        expect({ method, path, authorization, status: res.statusCode }).toEqual({ method, path, authorization, status: 401 });
      }
    }
  });
});

describe('HTML pages', () => {
  it('carry a Content-Security-Policy, nosniff and a Referrer-Policy', async () => {
    for (const url of ['/s/extension-exit', '/s/nope', '/s/extension-exit?plan=bogus', '/demo', '/demo/cancel', '/demo/inbox']) {
      const res = await t.app.inject({ url });
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      const policy = String(res.headers['content-security-policy']);
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) {
        expect(policy, url).toContain(directive);
      }
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

describe('every answer', () => {
  const requests = [
    { method: 'GET', url: '/healthz' },
    { method: 'GET', url: '/v1/projects/pk_test/surveys' },
    { method: 'GET', url: '/v1/projects/pk_nope/surveys' },
    { method: 'POST', url: '/v1/responses', payload: submission() },
    { method: 'POST', url: '/v1/responses', payload: '{"submissionId":', headers: { 'content-type': 'application/json' } },
    { method: 'POST', url: '/v1/responses', payload: 'x'.repeat(70_000), headers: { 'content-type': 'text/plain' } },
    { method: 'OPTIONS', url: '/v1/responses', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' } },
    { method: 'GET', url: '/no/such/route' },
  ] as const;

  it('forbids MIME sniffing, from the Fastify app', async () => {
    const more = [
      { method: 'GET', url: '/assets/hosted.css' },
      { method: 'GET', url: '/demo/demo.css' },
      { method: 'GET', url: '/s/extension-exit' },
      { method: 'GET', url: '/v1/responses.csv', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      { method: 'GET', url: '/v1/responses' },
    ];
    for (const request of [...requests, ...more]) {
      const res = await t.app.inject(request as never);
      expect(res.headers['x-content-type-options'], `${request.method} ${request.url} (${res.statusCode})`).toBe('nosniff');
    }
  });

  it('forbids MIME sniffing, from the fetch handler', async () => {
    const handler = createFetchHandler({ config: config(), store: t.store });
    for (const { method, url, ...rest } of requests) {
      const headers = 'headers' in rest ? rest.headers : { 'content-type': 'application/json' };
      const payload = 'payload' in rest ? rest.payload : undefined;
      const body = payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload);
      const res = await handler(new Request(`http://collector.test${url}`, { method, headers, body }));
      expect(res.headers.get('x-content-type-options'), `${method} ${url} (${res.status})`).toBe('nosniff');
    }
  });
});

describe('CORS', () => {
  it('never allows credentials, on preflights or on answers', async () => {
    const requests = [
      { method: 'OPTIONS', url: '/v1/responses', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' } },
      { method: 'OPTIONS', url: '/v1/responses', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET' } },
      { method: 'OPTIONS', url: '/v1/projects/pk_test/surveys', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'GET' } },
      { method: 'GET', url: '/v1/projects/pk_test/surveys', headers: { origin: APP_ORIGIN } },
      { method: 'POST', url: '/v1/responses', headers: { origin: APP_ORIGIN }, payload: submission() },
      { method: 'GET', url: '/v1/responses', headers: { origin: APP_ORIGIN, authorization: `Bearer ${ADMIN_TOKEN}` } },
    ] as const;
    for (const request of requests) {
      const res = await t.app.inject(request as never);
      expect(res.statusCode, `${request.method} ${request.url}`).toBeLessThan(300);
      expect(res.headers['access-control-allow-credentials'], `${request.method} ${request.url}`).toBeUndefined();
    }
  });
});

describe('secrets', () => {
  it('appear in no public body: OpenAPI document, survey list, hosted page', async () => {
    for (const url of ['/openapi.json', '/v1/projects/pk_test/surveys', '/s/extension-exit', '/demo', '/demo/inbox.json', '/healthz', '/readyz']) {
      const body = (await t.app.inject({ url })).body;
      for (const secret of [WEBHOOK_SECRET, 'slack-do-not-leak', 'hook-do-not-leak', 'editor@example.com', ADMIN_TOKEN]) {
        expect(body, url).not.toContain(secret);
      }
    }
    const surveys = (await t.app.inject({ url: '/v1/projects/pk_test/surveys' })).json();
    expect(Object.keys(surveys).sort()).toEqual(['project', 'surveys']);
  });
});

describe('logs', () => {
  it('never hold the admin token, even at trace level', async () => {
    const lines: string[] = [];
    const logged = await buildTestApp({ config: config(), logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } });
    try {
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      expect((await logged.app.inject({ url: '/v1/responses', headers: auth })).statusCode).toBe(200);
      expect((await logged.app.inject({ url: '/v1/responses?survey=a&survey=b', headers: auth })).statusCode).toBe(400);
      expect((await logged.app.inject({ url: '/v1/alerts', headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } })).statusCode).toBe(401);
    } finally {
      await logged.close();
    }
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('')).not.toContain(ADMIN_TOKEN);
  });
});

describe('slow clients', () => {
  /** Sends `head` and a first part of the body, then nothing; resolves with what the server answered. */
  async function dribble(port: number, head: string): Promise<string> {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.write(head);
    const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
    const giveUp = new Promise<string>((resolve) => setTimeout(() => resolve(`still open after 5 s: ${answer}`), 5000));
    const result = await Promise.race([closed, giveUp]);
    socket.destroy();
    return result;
  }

  it('get 408 and lose the connection when a request takes longer than the request timeout', async () => {
    const slow = await buildTestApp({ requestTimeoutMs: 300 });
    try {
      await slow.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = slow.app.server.address() as { port: number };
      const body = await dribble(port, 'POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"sub');
      expect(body).toMatch(/^HTTP\/1\.1 408/);
      const headers = await dribble(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
      expect(headers).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await slow.close();
    }
  });
});
