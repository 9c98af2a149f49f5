/** How both HTTP faces read a JSON request body (sent as application/json, or as text/plain by beacons). */
import { errors } from '../errors.ts';

export const EMPTY_BODY_MESSAGE = 'body: empty, expected a JSON object';
export const MALFORMED_JSON_MESSAGE = 'body: not valid JSON';

/** Parses a body's text; a bad body is a 400 HEED_ERR_VALIDATION. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw errors.validation(EMPTY_BODY_MESSAGE);
  try {
    return JSON.parse(text);
  } catch {
    throw errors.validation(MALFORMED_JSON_MESSAGE);
  }
}
