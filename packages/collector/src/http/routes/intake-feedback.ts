/**
 * `POST /v1/feedback`: one piece of feedback as a FeedbackDraft (quick entry, a browser extension, a
 * call-notes tool), with the admin token or an intake token of the draft's source, which can do nothing
 * else. `POST /v1/feedback/import` (admin token): a CSV file of past feedback with a column mapping, in
 * the query (`text/csv` body) or in a JSON envelope `{csv, mapping, source?, feedbackType?}`.
 */
import { FeedbackDraftSchema, type IntakeToken } from '@heed/shared';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { takeInFeedback, type IntakeDeps } from '../../domain/intake.ts';
import { errors } from '../../errors.ts';
import { CsvImportOptionsSchema, readCsvImport, type CsvImportOptions } from '../../intake/csv-import.ts';
import { bearerMatches, requireAdminToken } from '../admin-auth.ts';
import { formatIssues } from '../format-issues.ts';
import { intakeDeps, intakeErrors, mediaType, type IntakeRouteOptions } from './intake-support.ts';

export interface FeedbackRouteOptions extends IntakeRouteOptions {
  adminToken?: string;
  tokens: IntakeToken[];
}

const IntakeResultBody = z.object({ id: z.string(), duplicate: z.boolean() });

/** Who is posting: the admin, or the holder of an intake token for one source. */
type Caller = { kind: 'admin' } | { kind: 'token'; token: IntakeToken };

function caller(request: FastifyRequest, adminToken: string | undefined, tokens: IntakeToken[]): Caller {
  const header = request.headers.authorization;
  if (adminToken && bearerMatches(header, adminToken)) return { kind: 'admin' };
  // Every token is compared (in constant time each), so timing does not tell which one nearly matched.
  const matches = tokens.filter((token) => bearerMatches(header, token.token));
  const [token] = matches;
  if (token) return { kind: 'token', token };
  throw errors.unauthorized();
}

export const feedbackIntakeRoutes: FastifyPluginAsyncZod<FeedbackRouteOptions> = async (app, options) => {
  const { adminToken, tokens } = options;
  const deps = intakeDeps(app, options);

  app.post(
    '/v1/feedback',
    {
      schema: { body: FeedbackDraftSchema, response: { 200: IntakeResultBody, 202: IntakeResultBody } },
      onRequest: async (request) => {
        if (!adminToken && tokens.length === 0) throw errors.adminDisabled();
        request.intakeCaller = caller(request, adminToken, tokens);
      },
    },
    async (request, reply) => {
      const who = request.intakeCaller;
      if (who?.kind === 'token' && who.token.source !== request.body.source) {
        throw new intakeErrors.forbidden(`this intake token may post feedback of source "${who.token.source}" only, not "${request.body.source}"`);
      }
      const result = await takeInFeedback(deps, request.body);
      return reply.status(result.duplicate ? 200 : 202).send(result);
    },
  );

  await app.register(importRoutes, { deps, adminToken });
};

declare module 'fastify' {
  interface FastifyRequest {
    intakeCaller?: Caller;
  }
}

/** CSV rows stored at a time: concurrent records share the store's commits. */
const IMPORT_BATCH = 64;
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const ImportResultBody = z.object({
  imported: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ row: z.number(), message: z.string() })),
});

/** The import's options from the query: `map.<field>=<column>` (repeat `map.details`), `source`, `feedbackType`. */
function optionsFromQuery(query: Record<string, string | string[] | undefined>): unknown {
  const mapping: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (key === 'map.details') mapping.details = Array.isArray(value) ? value : [value];
    else if (key.startsWith('map.')) mapping[key.slice(4)] = Array.isArray(value) ? value[0] : value;
    else rest[key] = Array.isArray(value) ? value[0] : value;
  }
  return { mapping, ...rest };
}

const ImportEnvelopeSchema = CsvImportOptionsSchema.extend({ csv: z.string().min(1) });

const importRoutes: FastifyPluginAsync<{ deps: IntakeDeps; adminToken?: string }> = async (app, { deps, adminToken }) => {
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/v1/feedback/import',
    { onRequest: requireAdminToken(adminToken), bodyLimit: IMPORT_BODY_LIMIT, schema: { response: { 200: ImportResultBody } } },
    async (request) => {
      let csv: string;
      let options: CsvImportOptions;
      const type = mediaType(request.headers['content-type']);
      if (type === 'application/json') {
        const envelope = ImportEnvelopeSchema.safeParse(request.body);
        if (!envelope.success) throw new errors.validation(formatIssues(envelope.error.issues, 'body').join('; '));
        ({ csv, ...options } = envelope.data);
      } else if (type === 'text/csv' || type === 'application/csv') {
        const parsed = CsvImportOptionsSchema.safeParse(optionsFromQuery(request.query as Record<string, string | string[]>));
        if (!parsed.success) throw new errors.validation(formatIssues(parsed.error.issues, 'query').join('; ').replaceAll('query.mapping.', 'query.map.'));
        csv = String(request.body ?? '');
        options = parsed.data;
      } else {
        throw new intakeErrors.mediaType('content-type must be text/csv (mapping in the query) or application/json ({csv, mapping})');
      }
      const read = readCsvImport(csv, options, deps.config);
      if (read.kind === 'invalid') throw new errors.validation(read.message);

      let imported = 0;
      let duplicates = 0;
      for (let start = 0; start < read.drafts.length; start += IMPORT_BATCH) {
        const batch = read.drafts.slice(start, start + IMPORT_BATCH);
        const results = await Promise.all(batch.map(({ draft }) => takeInFeedback(deps, draft)));
        for (const result of results) result.duplicate ? duplicates++ : imported++;
      }
      return { imported, duplicates, rejected: read.rejected };
    },
  );
};
