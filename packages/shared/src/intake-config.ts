import { z } from 'zod';
import { IntakeSourceSchema } from './feedback-item.ts';
import { SlugSchema } from './primitives.ts';

/**
 * The config's feedback types and intake paths: where feedback other than survey answers comes in (a
 * forwarding address, Slack's "Send to Heed", GitHub, helpdesk and CRM cases, `POST /v1/feedback` with a
 * per-source token). Every path is off until its section is configured.
 */

/** A kind of feedback PMs sort by (product, case logic, ...). Each has a primary and a secondary DRI. */
export const FeedbackTypeSchema = z.strictObject({
  id: SlugSchema,
  label: z.string().min(1).max(100),
  /** The owner who gets items of this type that no route matched (before the rotation). */
  primaryOwner: SlugSchema.optional(),
  /** Who stands in for the primary owner; shown with the item. */
  secondaryOwner: SlugSchema.optional(),
});
export type FeedbackType = z.infer<typeof FeedbackTypeSchema>;

export const DEFAULT_FEEDBACK_TYPES: FeedbackType[] = [
  { id: 'product', label: 'Product' },
  { id: 'case-logic', label: 'Case logic' },
  { id: 'customer-experience', label: 'Customer experience' },
  { id: 'systems', label: 'Systems' },
];

const SecretSchema = z.string().min(16, 'must be at least 16 characters');

/** A bearer token that can do nothing but `POST /v1/feedback` with items of its source. */
export const IntakeTokenSchema = z.strictObject({
  source: IntakeSourceSchema,
  token: SecretSchema,
  /** Who uses it (a browser extension, a call-notes tool), for the logs. */
  name: z.string().min(1).max(100).optional(),
});
export type IntakeToken = z.infer<typeof IntakeTokenSchema>;

/** A domain name such as `feedback.example.com` (no `@`, no scheme). */
const DomainSchema = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name such as "feedback.example.com"')
  .transform((domain) => domain.toLowerCase());

export const EmailIntakeSchema = z.strictObject({
  /** SMTP port to listen on (25 needs privileges; a relay in front usually forwards to a high port). */
  port: z.number().int().min(0).max(65535).default(2525),
  host: z.string().min(1).default('0.0.0.0'),
  /** Recipient domains taken in; any other recipient is refused at RCPT TO (550). */
  acceptDomains: z.array(DomainSchema).min(1).max(50),
  /** Largest message accepted, in bytes (larger: 552). */
  maxBytes: z.number().int().min(1024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Feedback type of items from email, unless the address names one (`feedback+case-logic@...`). */
  feedbackType: SlugSchema.optional(),
});
export type EmailIntake = z.infer<typeof EmailIntakeSchema>;

export const SlackIntakeSchema = z.strictObject({
  /** The Slack app's signing secret (Basic Information > App Credentials). */
  signingSecret: SecretSchema,
  /** The message shortcut's callback id. */
  callbackId: z.string().min(1).max(255).default('send_to_heed'),
  feedbackType: SlugSchema.optional(),
});
export type SlackIntake = z.infer<typeof SlackIntakeSchema>;

export const GithubIntakeSchema = z.strictObject({
  /** The webhook's secret (it signs `X-Hub-Signature-256`). */
  webhookSecret: SecretSchema,
  /** Issues carrying any of these labels (case-insensitive) are feedback. */
  labels: z.array(z.string().min(1).max(100)).min(1).max(20).default(['feedback']),
  feedbackType: SlugSchema.optional(),
});
export type GithubIntake = z.infer<typeof GithubIntakeSchema>;

/** The facts Heed takes from a case event; `fieldMap` says where each is in the sender's JSON. */
export const CASE_FIELDS = [
  'caseId',
  'url',
  'status',
  'subject',
  'description',
  'caseType',
  'caseOwner',
  'caseOwnerEmail',
  'region',
  'feedbackType',
  'feedback',
  'resolutionAction',
  'closedAt',
  'accountId',
  'accountName',
  'plan',
  'contactEmail',
  'productArea',
] as const;
export const CaseFieldSchema = z.enum(CASE_FIELDS);
export type CaseField = z.infer<typeof CaseFieldSchema>;

export const CasesIntakeSchema = z.strictObject({
  /** Signs `Heed-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. */
  secret: SecretSchema,
  /**
   * Case field -> dot path in the event's JSON (`"caseOwner": "Owner.Name"`); a field not named here is
   * read from the top-level key of its own name.
   */
  fieldMap: z.partialRecord(CaseFieldSchema, z.string().min(1).max(200)).default({}),
  feedbackType: SlugSchema.optional(),
});
export type CasesIntake = z.infer<typeof CasesIntakeSchema>;

export const IntakeConfigSchema = z.strictObject({
  tokens: z.array(IntakeTokenSchema).max(100).default([]),
  email: EmailIntakeSchema.optional(),
  slack: SlackIntakeSchema.optional(),
  github: GithubIntakeSchema.optional(),
  cases: CasesIntakeSchema.optional(),
});
export type IntakeConfig = z.infer<typeof IntakeConfigSchema>;

type Ctx = z.RefinementCtx;

/**
 * The references between the intake sections and the rest of the config: feedback types are unique and
 * name owners that exist; routes and intake paths name feedback types that exist; tokens are unique.
 */
export function checkIntakeReferences(
  config: { feedbackTypes: FeedbackType[]; intake: IntakeConfig; owners: { id: string }[]; routes: { when: { feedbackType?: string } }[] },
  ctx: Ctx,
): void {
  const owners = new Set(config.owners.map((owner) => owner.id));
  const types = new Set<string>();
  config.feedbackTypes.forEach((type, index) => {
    if (types.has(type.id)) ctx.addIssue({ code: 'custom', path: ['feedbackTypes', index, 'id'], message: `duplicate id "${type.id}"` });
    types.add(type.id);
    for (const field of ['primaryOwner', 'secondaryOwner'] as const) {
      const owner = type[field];
      if (owner !== undefined && !owners.has(owner)) {
        ctx.addIssue({ code: 'custom', path: ['feedbackTypes', index, field], message: `unknown owner "${owner}"` });
      }
    }
  });
  const knownType = (type: string | undefined, path: (string | number)[]) => {
    if (type !== undefined && !types.has(type)) {
      ctx.addIssue({ code: 'custom', path, message: `unknown feedback type "${type}" (feedbackTypes has ${[...types].map((t) => `"${t}"`).join(', ')})` });
    }
  };
  config.routes.forEach((route, index) => knownType(route.when.feedbackType, ['routes', index, 'when', 'feedbackType']));
  for (const path of ['email', 'slack', 'github', 'cases'] as const) knownType(config.intake[path]?.feedbackType, ['intake', path, 'feedbackType']);
  const tokens = new Set<string>();
  config.intake.tokens.forEach((token, index) => {
    // The message names the place, never the value: config errors end up in logs.
    if (tokens.has(token.token)) ctx.addIssue({ code: 'custom', path: ['intake', 'tokens', index, 'token'], message: 'the same token is listed twice' });
    tokens.add(token.token);
  });
}
