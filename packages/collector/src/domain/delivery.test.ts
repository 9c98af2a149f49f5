import { describe, expect, it } from 'vitest';
import { attemptDelivery, attemptRecord, attemptsWithin, MAX_ATTEMPTS, RETRY_WINDOW_MS, retryDelayMs, scheduledDelayMs } from './delivery.ts';

const now = new Date('2026-03-04T10:00:00Z');

describe('the retry schedule', () => {
  it('waits 10 s, 1 min, 5 min, 30 min, 2 h, 6 h, then every 12 h', () => {
    expect(Array.from({ length: 9 }, (_, i) => scheduledDelayMs(i + 1) / 1000)).toEqual([10, 60, 300, 1800, 7200, 21600, 43200, 43200, 43200]);
  });

  it('keeps trying for at least 3 days: the last attempt comes after the window', () => {
    const lastAt = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => scheduledDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(lastAt).toBeGreaterThanOrEqual(RETRY_WINDOW_MS);
    expect(lastAt - scheduledDelayMs(MAX_ATTEMPTS - 1)).toBeLessThan(RETRY_WINDOW_MS);
    expect(MAX_ATTEMPTS).toBe(13);
  });

  it('jitters up to 10% longer and honours a longer Retry-After, capped at a day', () => {
    expect(retryDelayMs(1, {}, () => 0)).toBe(10_000);
    expect(retryDelayMs(1, {}, () => 0.999)).toBe(10_999);
    expect(retryDelayMs(1, { retryAfterMs: 5_000 }, () => 0)).toBe(10_000);
    expect(retryDelayMs(1, { retryAfterMs: 600_000 }, () => 0)).toBe(600_000);
    expect(retryDelayMs(1, { retryAfterMs: 10 * 24 * 3600_000 }, () => 0)).toBe(24 * 3600_000);
  });

  it('counts the attempts a schedule has made by a given time', () => {
    expect(attemptsWithin(0)).toBe(1);
    expect(attemptsWithin(9_999)).toBe(1);
    expect(attemptsWithin(10_000)).toBe(2);
    expect(attemptsWithin(70_000)).toBe(3);
  });

  it('records delivered, a retry when due, or failed: at once for a permanent refusal, after the last attempt otherwise', () => {
    expect(attemptRecord(1, { status: 'delivered' }, now, () => 0)).toEqual({ status: 'delivered', at: now });
    expect(attemptRecord(1, { status: 'fail', error: 'HTTP 410' }, now, () => 0)).toEqual({ status: 'failed', at: now, error: 'HTTP 410' });
    expect(attemptRecord(2, { status: 'retry', error: 'HTTP 503' }, now, () => 0)).toEqual({
      status: 'retry',
      at: now,
      error: 'HTTP 503',
      nextAttemptAt: new Date(now.getTime() + 60_000),
    });
    expect(attemptRecord(MAX_ATTEMPTS - 1, { status: 'retry', error: 'x' }, now, () => 0).status).toBe('retry');
    expect(attemptRecord(MAX_ATTEMPTS, { status: 'retry', error: 'x' }, now, () => 0)).toEqual({ status: 'failed', at: now, error: 'x' });
  });
});

describe('attemptDelivery', () => {
  const adapter = (send: () => Promise<never>) => ({ sendAlert: send, sendItemAlert: send, sendDigest: send });

  it('fails on a channel without an adapter, and turns a throwing adapter into a retry', async () => {
    expect(await attemptDelivery({}, 'email', async () => ({ status: 'delivered' }))).toEqual({
      status: 'fail',
      error: 'no email channel is set up (SMTP_URL)',
    });
    const throwing = adapter(async () => Promise.reject(new Error('socket hang up')));
    expect(await attemptDelivery({ webhook: throwing }, 'webhook', (a) => a.sendDigest({} as never))).toEqual({
      status: 'retry',
      error: 'socket hang up',
    });
  });
});
