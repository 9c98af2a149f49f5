import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodicRound, type PeriodicRound } from './periodic-round.ts';

interface Gate {
  promise: Promise<string>;
  resolve(value: string): void;
  reject(error: Error): void;
}

function gate(): Gate {
  let resolve!: (value: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const started: PeriodicRound<string>[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((round) => round.stop()));
  vi.useRealTimers();
});

function start(round: () => Promise<string>, onFailure: (error: unknown) => void = () => undefined, intervalMs = 1000): PeriodicRound<string> {
  const periodic = startPeriodicRound({ round, intervalMs, onFailure });
  started.push(periodic);
  return periodic;
}

describe('startPeriodicRound', () => {
  it('joins a round in flight instead of starting another, and starts afresh once it is done', async () => {
    const gates = [gate(), gate()];
    const round = vi.fn(() => gates[round.mock.calls.length - 1]!.promise);
    const periodic = start(round);

    const first = periodic.runDue();
    expect(periodic.runDue()).toBe(first);
    expect(round).toHaveBeenCalledTimes(1);
    gates[0]!.resolve('one');
    await expect(first).resolves.toBe('one');

    const second = periodic.runDue();
    expect(round).toHaveBeenCalledTimes(2);
    gates[1]!.resolve('two');
    await expect(second).resolves.toBe('two');
  });

  it('runs a round at every interval, reports a failed one and keeps going', async () => {
    vi.useFakeTimers();
    const failures: unknown[] = [];
    const failure = new Error('store unavailable');
    let calls = 0;
    start(
      async () => {
        calls += 1;
        if (calls === 1) throw failure;
        return 'ok';
      },
      (error) => failures.push(error),
    );

    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    expect(failures).toEqual([failure]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(failures).toHaveLength(1);
  });

  it('stops the timer and waits for the round in flight, even one that fails', async () => {
    vi.useFakeTimers();
    const inFlight = gate();
    const round = vi.fn(() => inFlight.promise);
    const periodic = start(round);
    const running = periodic.runDue().catch((error: unknown) => error);

    let stopped = false;
    const stopping = periodic.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(stopped).toBe(false);
    expect(round).toHaveBeenCalledTimes(1);

    inFlight.reject(new Error('lost the lease'));
    await stopping;
    expect(stopped).toBe(true);
    await expect(running).resolves.toEqual(new Error('lost the lease'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(1);
  });

  it('does not keep the process alive', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    start(async () => 'ok');
    const timer = setInterval.mock.results[0]!.value as NodeJS.Timeout;
    setInterval.mockRestore();
    expect(timer.hasRef()).toBe(false);
  });
});
