import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SNIPPET_STUB } from './snippet.ts';

interface Stub {
  q: unknown[][];
  init(options: object): Promise<unknown>;
  show(surveyId: string, options?: { timeoutMs?: number }): Promise<{ status: string }>;
}

/** The stub run as a page runs it, with nothing else on the page. */
function stub(): Stub {
  const window: { heed?: Stub } = {};
  runInNewContext(SNIPPET_STUB, { window, Promise, Date, setTimeout });
  return window.heed!;
}

describe('the snippet stub', () => {
  it('is the one the README gives', () => {
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain(SNIPPET_STUB);
  });

  it('queues calls with their deadline until heed.js takes them', () => {
    const heed = stub();
    void heed.init({ project: 'pk_demo' });
    const before = Date.now();
    void heed.show('portal-cancel', { timeoutMs: 60_000 });
    expect(heed.q.map(([method]) => method)).toEqual(['init', 'show']);
    expect(heed.q[1]![3]).toBeGreaterThanOrEqual(before + 60_000);
  });

  it('resolves a show() unavailable once its timeout passes without heed.js, and drops it from the queue', async () => {
    const heed = stub();
    void heed.init({ project: 'pk_demo' });
    const started = Date.now();
    await expect(heed.show('portal-cancel', { timeoutMs: 50 })).resolves.toEqual({ status: 'unavailable' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(heed.q.map(([method]) => method)).toEqual(['init']);
  });

  it('leaves a show() that heed.js took to heed.js', async () => {
    const heed = stub();
    const shown = heed.show('portal-cancel', { timeoutMs: 20 });
    // What heed.js does: empty the queue, and resolve each call with its own answer.
    const [[, , resolve]] = heed.q.splice(0) as [[string, unknown, (value: unknown) => void]];
    await new Promise((done) => setTimeout(done, 40));
    resolve({ status: 'submitted' });
    await expect(shown).resolves.toEqual({ status: 'submitted' });
  });
});
