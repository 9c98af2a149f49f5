/**
 * The admin API's guard: `Authorization: Bearer <HEED_ADMIN_TOKEN>`, compared in constant time. Without a
 * configured token the admin API is off, and says how to turn it on.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestAsyncHookHandler } from 'fastify';
import { errors } from '../errors.ts';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when `header` is `Bearer <token>`; hashing first makes the comparison length-independent. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** Shortest admin token accepted: with no limit on attempts, guessing must stay out of reach. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Throws, saying how to make a good one, when `token` is too short to withstand guessing. */
export function assertAdminTokenStrength(token: string): void {
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(`HEED_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters; generate one with "openssl rand -hex 32"`);
  }
}

export function requireAdminToken(token: string | undefined): onRequestAsyncHookHandler {
  if (token) assertAdminTokenStrength(token);
  return async (request) => {
    if (!token) throw errors.adminDisabled();
    if (!bearerMatches(request.headers.authorization, token)) throw errors.unauthorized();
  };
}
