/**
 * The newcomer's first minutes: `server.ts` with the demo config and no HEED_ADMIN_TOKEN prints the console's
 * URL and a token of this run, which the admin API accepts; outside demo mode no token is made up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfigFor, startCollectorProcess, type CollectorProcess } from './helpers/start-collector.ts';

const TOKEN_LINE = /demo console: (http:\/\/localhost:\d+\/console\/) admin token \(this run only[^)]*\): ([A-Za-z0-9_-]+)/;

/** Waits for the process to print `pattern` (it logs after the port is open). */
async function printed(server: CollectorProcess, pattern: RegExp): Promise<RegExpExecArray> {
  for (const deadline = Date.now() + 10_000; ; ) {
    const match = pattern.exec(server.output());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`not printed: ${pattern}\n${server.output()}`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

const alerts = (server: CollectorProcess, token: string) => fetch(`${server.url}/v1/alerts`, { headers: { authorization: `Bearer ${token}` } });

describe('the demo start without HEED_ADMIN_TOKEN', () => {
  let server: CollectorProcess | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('logs the console URL and a random token, once, that the admin API accepts', async () => {
    server = await startCollectorProcess({ adminToken: null });
    const [, consoleUrl, token] = await printed(server, TOKEN_LINE);
    expect(consoleUrl).toBe(`http://localhost:${server.port}/console/`);
    expect(token!.length).toBeGreaterThanOrEqual(32);
    expect((await alerts(server, token!)).status).toBe(200);
    expect((await alerts(server, `${token}x`)).status).toBe(401);
    expect((await fetch(`${server.url}/console/`)).status).toBe(200);
    expect(server.output().split(token!).length - 1).toBe(1);
    expect(server.output()).not.toContain('the admin API is disabled');

    // Another run, another token: the old one no longer opens anything.
    await server.stop();
    await server.start();
    await printed(server, new RegExp(`${TOKEN_LINE.source}[\\s\\S]*${TOKEN_LINE.source}`));
    const tokens = [...server.output().matchAll(new RegExp(TOKEN_LINE, 'g'))].map((match) => match[2]);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).not.toBe(token);
    expect((await alerts(server, tokens[1]!)).status).toBe(200);
    expect((await alerts(server, token!)).status).toBe(401);
  });

  it('keeps the admin API off outside demo mode, and uses the configured token in demo mode', async () => {
    server = await startCollectorProcess({ adminToken: null, config: (url) => ({ ...demoConfigFor(url), demo: false }) });
    await printed(server, /the admin API is disabled/);
    expect(server.output()).not.toMatch(/admin token/);
    const off = await alerts(server, 'anything-at-all-0123456789');
    expect(off.status).toBe(401);
    expect((await off.json()).code).toBe('HEED_ERR_ADMIN_DISABLED');
    await server.dispose();

    server = await startCollectorProcess({ adminToken: 'a-chosen-token-0123456789' });
    await printed(server, /demo: http/);
    expect(server.output()).not.toMatch(TOKEN_LINE);
    expect((await alerts(server, 'a-chosen-token-0123456789')).status).toBe(200);
  });
});
