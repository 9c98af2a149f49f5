/**
 * What the intake routes share: the domain's deps, the raw-body parser signature checks need (scoped to
 * the route plugin that registers it, so the app's own JSON parsing is untouched), and the errors only
 * intake paths answer with.
 */
import createError from '@fastify/error';
import type { FastifyInstance } from 'fastify';
import type { IntakeDeps } from '../../domain/intake.ts';
import { errors } from '../../errors.ts';
import type { Verdict } from '../../intake/signatures.ts';

export const intakeErrors = {
  signature: createError('HEED_ERR_SIGNATURE', '%s', 401),
  forbidden: createError('HEED_ERR_FORBIDDEN', '%s', 403),
  mediaType: createError('HEED_ERR_MEDIA_TYPE', '%s', 415),
} as const;

export interface IntakeRouteOptions {
  /** Whether email alerts can be sent (an SMTP mailer is configured). */
  email: boolean;
}

export function intakeDeps(app: FastifyInstance, { email }: IntakeRouteOptions): IntakeDeps {
  return {
    store: app.store,
    // Read at each use: routes, owners and feedback types are edited live.
    get config() {
      return app.heedConfig;
    },
    clock: app.clock,
    channels: { email },
  };
}

/**
 * Replaces this plugin's body parsers with one that hands every body over as the exact bytes received
 * (`request.body` is a Buffer), for signatures computed over the raw body.
 */
export function parseRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

export function rawBody(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** Throws 401 naming why, unless the verdict is good. */
export function assertVerified(verdict: Verdict): void {
  if (!verdict.ok) throw new intakeErrors.signature(verdict.reason);
}

/** The media type of a request, without parameters, lower-case. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** JSON of a raw body; a 400 naming the body when it is not JSON. */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new errors.validation(raw.length === 0 ? 'body: required (a JSON document)' : 'body: is not valid JSON');
  }
}
