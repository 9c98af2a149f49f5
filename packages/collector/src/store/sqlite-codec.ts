/**
 * How documents the store hands back whole are kept in SQLite: JSON in a `doc` column, with their Dates
 * written as ISO strings and revived on the way out. Times in columns are integer milliseconds.
 */
import type { ResponseDoc } from './store.ts';

export function encodeResponse(response: ResponseDoc): string {
  return JSON.stringify(response);
}

export function decodeResponse(doc: string): ResponseDoc {
  const response = JSON.parse(doc) as ResponseDoc;
  response.receivedAt = new Date(response.receivedAt);
  for (const change of response.triage.history) change.at = new Date(change.at as unknown as string);
  return response;
}

export function ms(date: Date): number {
  return date.getTime();
}

export function dateOrUndefined(value: number | null): Date | undefined {
  return value === null ? undefined : new Date(value);
}
