/**
 * The collector as operators run it: the built server (`dist/server.js`) in its own process, and the demo's
 * alert loop (answer -> routed -> signed webhook -> demo inbox) over real HTTP.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, startCollectorProcess, TEST_ADMIN_TOKEN, type CollectorProcess, type RunningCollector } from './helpers/start-collector.ts';

const answer = (comment: string) => ({
  submissionId: crypto.randomUUID(),
  projectKey: 'pk_demo',
  surveyId: 'app-nps',
  answers: { score: 2, comment },
  respondent: { userId: 'demo-user' },
  context: { plan: 'saas' },
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Polls `probe` every 50 ms until it returns a value, for at most `timeoutMs`. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

interface Delivery {
  ownerId: string;
  payload: { type: string; response: { surveyId: string; answers: { comment?: string } } };
}

describe('the demo alert loop', () => {
  let collector: RunningCollector | undefined;
  afterEach(async () => {
    await collector?.close();
    collector = undefined;
  });

  it('delivers a detractor comment to its owner as a signed webhook, once', async () => {
    collector = await startCollector();
    const body = answer('The editor <b>froze</b> & lost my draft');
    expect((await post(collector.url, body)).status).toBe(202);
    expect((await post(collector.url, body)).status).toBe(200);

    const url = collector.url;
    const deliveries = await eventually(async () => {
      const { deliveries } = (await (await fetch(`${url}/demo/inbox.json`)).json()) as { deliveries: Delivery[] };
      return deliveries.length > 0 ? deliveries : undefined;
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      ownerId: 'pm-editor',
      payload: { type: 'response.routed', response: { surveyId: 'app-nps', answers: { comment: body.answers.comment } } },
    });
    const alerts = await (await fetch(`${url}/v1/alerts`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json();
    expect(alerts.items).toMatchObject([{ ownerId: 'pm-editor', channel: 'webhook', status: 'delivered' }]);
    const page = await (await fetch(`${url}/demo/inbox`)).text();
    expect(page).toContain('The editor &lt;b&gt;froze&lt;/b&gt; &amp; lost my draft');
  });
});

describe('the built server', () => {
  let server: CollectorProcess | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('keeps answers across a graceful restart and exits 0 on SIGTERM', async () => {
    server = await startCollectorProcess();
    // The line is logged after the port is open, so /healthz can answer before it is written.
    const demoLine = `demo: http://localhost:${server.port}/demo`;
    const running = server;
    await eventually(async () => (running.output().includes(demoLine) ? true : undefined), 10_000);
    expect(server.output()).toContain(demoLine);
    const body = answer('kept across restarts');
    expect((await post(server.url, body)).status).toBe(202);

    expect(await server.stop('SIGTERM')).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    await server.start();
    expect((await post(server.url, body)).status).toBe(200);
    const list = await fetch(`${server.url}/v1/responses`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect((await list.json()).items).toMatchObject([{ submissionId: body.submissionId, answers: { comment: 'kept across restarts' } }]);
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('loses no acknowledged answer and counts none twice when killed with SIGKILL under load', async () => {
    server = await startCollectorProcess();
    const acknowledged = new Map<string, string>(); // submissionId -> response id
    let stop = false;
    const sender = async () => {
      while (!stop) {
        const body = answer('sent while the collector dies');
        const res = await post(server!.url, body).catch(() => undefined);
        if (!res) return; // the connection died with the process
        if (res.status === 202) acknowledged.set(body.submissionId, (await res.json()).id);
      }
    };
    const senders = Array.from({ length: 8 }, sender);
    // Bounded: at most 10 s of load, killed as soon as enough answers are acknowledged.
    const deadline = Date.now() + 10_000;
    while (acknowledged.size < 100 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 10));
    await server.kill();
    stop = true;
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThan(0);

    await server.start();
    const stored = new Map<string, string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=500&cursor=${cursor}` : '?limit=500';
      const res = await fetch(`${server.url}/v1/responses${query}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
      const page = (await res.json()) as { items: { id: string; submissionId: string }[]; nextCursor: string | null };
      for (const item of page.items) {
        expect(stored.has(item.submissionId)).toBe(false);
        stored.set(item.submissionId, item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const [submissionId, id] of acknowledged) expect(stored.get(submissionId)).toBe(id);
    // Retries of acknowledged answers after the restart are recognised, never stored again.
    const [first] = acknowledged.keys();
    const retry = await post(server.url, { ...answer('retry'), submissionId: first! });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ id: acknowledged.get(first!), duplicate: true });
  });

  it('serves every file it finds from its own location: the console, page styles, demo assets and the widget', async () => {
    // The build sits where the sources do, one level below the package: a path resolved from either works.
    server = await startCollectorProcess();
    const consolePage = await fetch(`${server.url}/console/`);
    expect(consolePage.status).toBe(200);
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(await consolePage.text())?.[1];
    expect(script).toBeDefined();
    for (const path of [script!, '/assets/hosted.css', '/demo/demo.css', '/widget/heed.js', '/demo']) {
      const res = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } });
      expect([path, res.status]).toEqual([path, 200]);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  it('refuses to start with a bad config, naming the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heed-bad-config-'));
    try {
      const configPath = join(dir, 'bad.json');
      await writeFile(configPath, JSON.stringify({ projects: [{ key: 'pk_x', name: 'X' }], routes: [{ when: {}, owner: 'ghost' }] }));
      await expect(startCollectorProcess({ env: { HEED_CONFIG: configPath }, startTimeoutMs: 15_000 })).rejects.toThrow(
        /exited with 1[\s\S]*bad\.json: routes\[0\]\.owner: unknown owner "ghost"/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
