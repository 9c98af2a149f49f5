/**
 * Load from autocannon, bounded in time: at saturation (a fixed number of connections, each sending its
 * next request when the last is answered) or at a fixed overall rate. Latencies are autocannon's, in ms.
 */
import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  /** Requests per second over all connections; without it, as fast as answers come. */
  overallRate?: number;
  requests: Request[];
}

export async function load({ url, seconds, connections, overallRate, requests }: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    ...(overallRate !== undefined && { overallRate }),
    requests,
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Throws when a run had failed requests: a fast wrong answer is no result. */
export function assertClean(label: string, result: LoadResult): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${label}: failed requests (non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`);
  }
}
