import { z } from 'zod';
import { NpsCategorySchema, PlanSchema, SlugSchema } from './primitives.ts';
import { TriageStatusSchema } from './response.ts';
import { SURVEY_KINDS } from './survey.ts';
import { AlertStatusSchema, ChannelSchema } from './alert.ts';

/** A date (`2026-11-01`) or a date-time (`2026-11-01T10:00:00Z`) in a query string. */
const When = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const BoolString = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Query of `GET /v1/responses` and `GET /v1/responses.csv`. `to` is exclusive. */
export const ResponseQuerySchema = z.strictObject({
  survey: SlugSchema.optional(),
  kind: z.enum(SURVEY_KINDS).optional(),
  from: When.optional(),
  to: When.optional(),
  category: NpsCategorySchema.optional(),
  plan: PlanSchema.optional(),
  productArea: SlugSchema.optional(),
  owner: SlugSchema.optional(),
  status: TriageStatusSchema.optional(),
  hasComment: BoolString.optional(),
  /** Words that must all occur in the comment (case- and accent-insensitive), the last one as a prefix. */
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type ResponseQuery = z.output<typeof ResponseQuerySchema>;

/** Body of `PATCH /v1/responses/:id`: triage changes. */
export const TriagePatchSchema = z
  .strictObject({
    status: TriageStatusSchema.optional(),
    owner: SlugSchema.optional(),
    issueUrl: z.url({ protocol: /^https?$/ }).nullable().optional(),
    tags: z.array(z.string().min(1).max(50)).max(30).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'at least one of status, owner, issueUrl, tags is required' });
export type TriagePatch = z.output<typeof TriagePatchSchema>;

/** Query of `GET /v1/alerts`. */
export const AlertQuerySchema = z.strictObject({
  status: AlertStatusSchema.optional(),
  owner: SlugSchema.optional(),
  channel: ChannelSchema.optional(),
  /** Only the alerts one response caused. */
  responseId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type AlertQuery = z.output<typeof AlertQuerySchema>;

/** Query of `GET /v1/reports/nps` and `GET /v1/reports/reasons`. */
export const ReportQuerySchema = z.strictObject({
  survey: SlugSchema.optional(),
  productArea: SlugSchema.optional(),
  plan: PlanSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  interval: z.enum(['day', 'week', 'month']).default('week'),
});
export type ReportQuery = z.output<typeof ReportQuerySchema>;

/** Query of `GET /v1/reports/uninstall-versions`: UTC dates, `to` exclusive. */
export const UninstallVersionsQuerySchema = z.strictObject({
  survey: SlugSchema.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type UninstallVersionsQuery = z.output<typeof UninstallVersionsQuerySchema>;

/** Who made a triage change, as recorded in its history: printable text, at most 80 characters. */
export const ActorSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must be printable text without control characters');

/**
 * Headers of a triage change: `X-Heed-Actor`, the name a console user gives (percent-encoded UTF-8, since
 * header values are ASCII), recorded instead of "admin". It names; the bearer token still authorises.
 */
export const ActorHeadersSchema = z.looseObject({
  'x-heed-actor': z
    .string()
    .max(720)
    .regex(/^[\x21-\x7e ]*$/, 'must be percent-encoded UTF-8')
    .transform((raw, ctx) => {
      try {
        return decodeURIComponent(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be percent-encoded UTF-8' });
        return z.NEVER;
      }
    })
    .pipe(ActorSchema)
    .optional(),
});

/**
 * Headers of a settings save (`PUT /v1/routing`, `PUT /v1/surveys/:id/settings`): the actor, and `If-Match`
 * naming the version of the latest change the edit started from (`"0"` when there was none), so that a
 * change saved by someone else meanwhile is not overwritten (412). `*` or no `If-Match`: saved whatever
 * came before.
 */
export const SettingsSaveHeadersSchema = ActorHeadersSchema.extend({
  'if-match': z
    .string()
    .regex(/^\s*(\*|"\d{1,15}")\s*$/, 'must be the quoted version of the change the edit started from, e.g. "3" ("0": none yet), or *')
    .transform((raw) => (raw.trim() === '*' ? undefined : Number(raw.trim().slice(1, -1))))
    .optional(),
});

/** Query of `GET /v1/digests/preview`. */
export const DigestPreviewQuerySchema = z.strictObject({ owner: SlugSchema });
export type DigestPreviewQuery = z.output<typeof DigestPreviewQuerySchema>;

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
