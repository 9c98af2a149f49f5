/**
 * The page-load GET timed one request at a time, with no load around it: what one page view waits for. A
 * seeded person each time (so heed reads real displays), on heed and on the bare app alike, so the figure
 * can be read against what the loopback round trip and Node's HTTP cost on their own.
 */
import { percentile, timedGet } from './http-timing.ts';
import { userId } from '../scripts/seed-data.ts';

export interface OneAtATime {
  p50: number;
  p95: number;
  p99: number;
}

export async function surveysOneAtATime(baseUrl: string, people: number, samples: number): Promise<OneAtATime> {
  const times: number[] = [];
  const warmUp = 10;
  for (let i = 0; i < samples + warmUp; i += 1) {
    const person = userId((i * 7919) % people);
    const { ms, status } = await timedGet(`${baseUrl}/v1/projects/pk_demo/surveys?userId=${person}`);
    if (status !== 200) throw new Error(`the surveys GET answered ${status}`);
    if (i >= warmUp) times.push(ms);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}
