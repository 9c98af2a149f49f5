/**
 * The channel port: what the delivery engine (outbox.ts for alerts, digest-scheduler.ts for digests) needs
 * from a channel (webhook, Slack, email). The adapters live in `../notify` and are passed in by whoever
 * starts the engine, so the domain never imports a transport.
 */
import type { Channel, HeedConfig, Owner } from '@heed/shared';
import type { AlertDoc, ItemDoc, ResponseDoc } from '../store/store.ts';
import type { Digest } from './digest.ts';

/**
 * What one delivery attempt came to:
 * - `delivered`: the receiver took it;
 * - `retry`: worth trying again later (408, 429, 5xx, network error, timeout), no sooner than `retryAfterMs`
 *   when the receiver said so;
 * - `fail`: trying again will not help (3xx, other 4xx, a message the channel refuses, a missing address).
 */
export type DeliveryOutcome =
  | { status: 'delivered' }
  | { status: 'retry'; error: string; retryAfterMs?: number }
  | { status: 'fail'; error: string };

export interface AlertMessage {
  alert: AlertDoc;
  response: ResponseDoc;
  owner: Owner;
  config: HeedConfig;
  /** The time of the attempt (signatures, `Retry-After` dates). */
  now: Date;
}

/** An alert whose subject is an item from an intake path (email, Slack, GitHub, a case, a staff note). */
export interface ItemAlertMessage {
  alert: AlertDoc;
  item: ItemDoc;
  owner: Owner;
  config: HeedConfig;
  now: Date;
}

export interface DigestMessage {
  digest: Digest;
  owner: Owner;
  /** The same on every attempt, so receivers can drop repeats. */
  deliveryId: string;
  now: Date;
}

/** One channel: sends one message and classifies the attempt, without retrying itself. */
export interface ChannelAdapter {
  sendAlert(message: AlertMessage): Promise<DeliveryOutcome>;
  sendItemAlert(message: ItemAlertMessage): Promise<DeliveryOutcome>;
  sendDigest(message: DigestMessage): Promise<DeliveryOutcome>;
}

/** The channels this collector can send on; a channel left out (email without SMTP) gets no alerts. */
export type ChannelAdapters = Partial<Record<Channel, ChannelAdapter>>;

/** Which channels alerts are enqueued for, from the adapters at hand. */
export function channelSettings(adapters: ChannelAdapters): { email: boolean } {
  return { email: adapters.email !== undefined };
}
