import { z } from 'zod';
import { HttpUrlSchema, IsoDateSchema, NpsCategorySchema, OriginSchema, PlanSchema, ProjectKeySchema, SlugSchema } from './primitives.ts';
import { DEFAULT_COOLDOWN_DAYS } from './eligibility.ts';
import { SURVEY_KINDS, SurveySchema } from './survey.ts';
import { FeedbackSourceSchema, RegionSchema } from './feedback-item.ts';
import { checkIntakeReferences, DEFAULT_FEEDBACK_TYPES, FeedbackTypeSchema, IntakeConfigSchema } from './intake-config.ts';
import { EscalationSchema, TeamUpdateSchema, TimeZoneSchema } from './follow-through.ts';

export const ProjectSchema = z.strictObject({
  key: ProjectKeySchema,
  name: z.string().min(1).max(200),
  /** Browser origins allowed to call the public API (CORS). */
  allowedOrigins: z.array(OriginSchema).max(100).default([]),
  /** Global cooldown: days after any survey of this project is shown before another may be. */
  cooldownDays: z.number().int().min(0).max(3650).default(DEFAULT_COOLDOWN_DAYS),
});
export type Project = z.infer<typeof ProjectSchema>;

/** An owner's fields, before the check that a webhook has its secret (`OwnerSchema`). */
export const OwnerFieldsSchema = z.strictObject({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  slackWebhookUrl: HttpUrlSchema.optional(),
  webhookUrl: HttpUrlSchema.optional(),
  /** HMAC-SHA256 key for `Heed-Signature`; required with `webhookUrl`. */
  webhookSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the owner works: business days (escalation) are counted on this zone's calendar; default UTC. */
  timeZone: TimeZoneSchema.optional(),
});

export const OwnerSchema = OwnerFieldsSchema.refine((owner) => !owner.webhookUrl || owner.webhookSecret, {
  error: 'webhookSecret is required when webhookUrl is set',
  path: ['webhookSecret'],
});
export type Owner = z.infer<typeof OwnerSchema>;

export const RouteWhenSchema = z.strictObject({
  productArea: SlugSchema.optional(),
  surveyId: SlugSchema.optional(),
  kind: z.enum(SURVEY_KINDS).optional(),
  plan: PlanSchema.optional(),
  category: NpsCategorySchema.optional(),
  /** Case-insensitive whole-word match against the comment; any one matches. */
  keywordsAny: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  /** Where the feedback came from (`survey` for survey answers). */
  source: FeedbackSourceSchema.optional(),
  /** One of `feedbackTypes` (survey answers have none). */
  feedbackType: SlugSchema.optional(),
  /** The customer's region. */
  region: RegionSchema.optional(),
});
export type RouteWhen = z.infer<typeof RouteWhenSchema>;

export const RouteSchema = z.strictObject({ when: RouteWhenSchema, owner: SlugSchema });
export type Route = z.infer<typeof RouteSchema>;

export const RotationSchema = z.strictObject({
  owners: z.array(SlugSchema).min(1),
  every: z.literal('week'),
  /** The first week's start (the first owner is on duty from this date). */
  startsOn: IsoDateSchema,
});
export type Rotation = z.infer<typeof RotationSchema>;

export const DigestSettingsSchema = z.strictObject({
  weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']).default('friday'),
  hour: z.number().int().min(0).max(23).default(16),
  timeZone: z.string().min(1).refine(isTimeZone, { error: 'must be an IANA time zone such as "Europe/Berlin"' }).default('UTC'),
});

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const HeedConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Serve the demo host page (`/demo`) and the demo inbox (`/demo/inbox`). */
    demo: z.boolean().default(false),
    /** Public base URL of the collector, used in links inside alerts. */
    publicUrl: HttpUrlSchema.optional(),
    projects: z.array(ProjectSchema).min(1),
    surveys: z.array(SurveySchema).default([]),
    owners: z.array(OwnerSchema).default([]),
    routes: z.array(RouteSchema).default([]),
    rotation: RotationSchema.optional(),
    digest: DigestSettingsSchema.optional(),
    /** The kinds of feedback items are sorted by. */
    feedbackTypes: z.array(FeedbackTypeSchema).min(1).max(100).default(DEFAULT_FEEDBACK_TYPES),
    /** Feedback from other sources: email, Slack, GitHub, cases, `POST /v1/feedback` tokens. */
    intake: IntakeConfigSchema.default({ tokens: [] }),
    /** Items the owner has not acknowledged go to the secondary owner after some business days. */
    escalation: EscalationSchema.optional(),
    /** The weekly team update: every item being pursued, new items, escalations, failed alerts. */
    teamUpdate: TeamUpdateSchema.optional(),
  })
  .superRefine((config, ctx) => {
    const unique = (items: { id?: string; key?: string }[], field: 'id' | 'key', path: string) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const value = item[field];
        if (value === undefined) return;
        if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [path, index, field], message: `duplicate ${field} "${value}"` });
        seen.add(value);
      });
    };
    unique(config.projects, 'key', 'projects');
    unique(config.surveys, 'id', 'surveys');
    unique(config.owners, 'id', 'owners');
    const projects = new Set(config.projects.map((p) => p.key));
    const owners = new Set(config.owners.map((o) => o.id));
    config.surveys.forEach((survey, index) => {
      if (!projects.has(survey.project)) {
        ctx.addIssue({ code: 'custom', path: ['surveys', index, 'project'], message: `unknown project "${survey.project}"` });
      }
    });
    config.routes.forEach((route, index) => {
      if (!owners.has(route.owner)) {
        ctx.addIssue({ code: 'custom', path: ['routes', index, 'owner'], message: `unknown owner "${route.owner}"` });
      }
    });
    config.rotation?.owners.forEach((owner, index) => {
      if (!owners.has(owner)) {
        ctx.addIssue({ code: 'custom', path: ['rotation', 'owners', index], message: `unknown owner "${owner}"` });
      }
    });
    checkIntakeReferences(config, ctx);
    const surveyStandIn = config.escalation?.surveySecondaryOwner;
    if (surveyStandIn !== undefined && !owners.has(surveyStandIn)) {
      ctx.addIssue({ code: 'custom', path: ['escalation', 'surveySecondaryOwner'], message: `unknown owner "${surveyStandIn}"` });
    }
    const types = new Set(config.feedbackTypes.map((type) => type.id));
    for (const type of Object.keys(config.escalation?.byFeedbackType ?? {})) {
      if (!types.has(type)) ctx.addIssue({ code: 'custom', path: ['escalation', 'byFeedbackType', type], message: `unknown feedback type "${type}"` });
    }
  });
export type HeedConfigInput = z.input<typeof HeedConfigSchema>;
export type HeedConfig = z.output<typeof HeedConfigSchema>;
