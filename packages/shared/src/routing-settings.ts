/**
 * What the console may change of who hears about feedback while the collector runs: the owners and their
 * channels, the ordered routes, the weekly rotation and the feedback types with their primary and secondary
 * DRIs. Each part a change gives replaces the config file's
 * whole part; a part left out follows the file again (`rotation: null` turns the rotation off). The result
 * must still be a valid config (every route and rotation slot naming a known owner, every owner the intake
 * and escalation settings name still there), checked against `HeedConfigSchema` on save.
 */
import { z } from 'zod';
import { OwnerFieldsSchema, OwnerSchema, RouteSchema, RotationSchema } from './config.ts';
import { FeedbackTypeSchema } from './intake-config.ts';

export const RoutingSettingsSchema = z.strictObject({
  owners: z.array(OwnerSchema).min(1).max(200).optional(),
  routes: z.array(RouteSchema).max(200).optional(),
  rotation: RotationSchema.nullable().optional(),
  feedbackTypes: z.array(FeedbackTypeSchema).min(1).max(100).optional(),
});
export type RoutingSettings = z.infer<typeof RoutingSettingsSchema>;

/**
 * `PUT /v1/routing`: the routing settings, where an owner may leave `webhookSecret` out to keep the secret
 * it has (the console never reads secrets back).
 */
export const RoutingSettingsBodySchema = RoutingSettingsSchema.extend({
  owners: z.array(OwnerFieldsSchema).min(1).max(200).optional(),
});
export type RoutingSettingsBody = z.infer<typeof RoutingSettingsBodySchema>;

/** The parts routing settings may replace, in the order the console shows them. */
export const ROUTING_PARTS = ['owners', 'routes', 'rotation', 'feedbackTypes'] as const;
export type RoutingPart = (typeof ROUTING_PARTS)[number];
