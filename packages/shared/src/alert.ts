import { z } from 'zod';
import { SlugSchema } from './primitives.ts';

export const ChannelSchema = z.enum(['webhook', 'slack', 'email']);
export type Channel = z.infer<typeof ChannelSchema>;

export const AlertStatusSchema = z.enum(['pending', 'delivered', 'failed']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/**
 * One alert per (response, owner, channel), kept in the durable outbox. `_id` is also the delivery id
 * sent as `Heed-Delivery-Id`, so a receiver can drop a redelivery.
 */
export const AlertSchema = z.object({
  _id: z.string(),
  responseId: z.string(),
  ownerId: SlugSchema,
  channel: ChannelSchema,
  status: AlertStatusSchema,
  attempts: z.number().int().min(0),
  /** When the next attempt is due. */
  nextAttemptAt: z.date(),
  /** A worker's claim: nobody else sends this alert before `leaseUntil`. */
  leaseOwner: z.string().optional(),
  leaseUntil: z.date().optional(),
  lastError: z.string().optional(),
  createdAt: z.date(),
  deliveredAt: z.date().optional(),
  /** When it was given up on (`status: failed`). */
  failedAt: z.date().optional(),
});
export type Alert = z.infer<typeof AlertSchema>;
