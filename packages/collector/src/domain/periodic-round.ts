/**
 * A worker's round on a timer, as the digest, team update and escalation schedulers run theirs: `runDue`
 * never overlaps itself (a call while a round is in flight gets that round), the timer does not keep the
 * process alive and reports a failed round, and `stop` clears the timer and waits for the round in flight.
 */

export interface PeriodicRound<T> {
  /** Runs a round now, or joins the one in flight. */
  runDue(): Promise<T>;
  /** Stops the timer and waits for a round in flight. */
  stop(): Promise<void>;
}

export interface PeriodicRoundOptions<T> {
  round: () => Promise<T>;
  intervalMs: number;
  /** Called with what a round started by the timer failed with. */
  onFailure: (error: unknown) => void;
}

export function startPeriodicRound<T>({ round, intervalMs, onFailure }: PeriodicRoundOptions<T>): PeriodicRound<T> {
  let running: Promise<T> | undefined;
  const runDue = () =>
    (running ??= round().finally(() => {
      running = undefined;
    }));
  const timer = setInterval(() => {
    runDue().catch(onFailure);
  }, intervalMs);
  timer.unref();
  return {
    runDue,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
