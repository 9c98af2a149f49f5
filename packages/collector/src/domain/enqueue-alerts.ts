/**
 * The alerts a routed response (or a triage reassignment) puts in the durable outbox: one per channel the
 * owner can be reached on. The store keeps one per (response, owner, channel): enqueueing again keeps the
 * alerts, and delivery ids, already there.
 */
import type { Channel, Owner } from '@heed/shared';
import type { AlertDoc } from '../store/store.ts';

/** Channels that can be used at all: email needs an SMTP transport. */
export interface ChannelSettings {
  email: boolean;
}

export function ownerChannels(owner: Owner, settings: ChannelSettings): Channel[] {
  const channels: Channel[] = [];
  if (owner.webhookUrl) channels.push('webhook');
  if (owner.slackWebhookUrl) channels.push('slack');
  if (owner.email && settings.email) channels.push('email');
  return channels;
}

/** The owner's alerts for a response, one per channel, due now; not yet stored. */
export function ownerAlerts(responseId: string, owner: Owner, settings: ChannelSettings, now: Date, newId: () => string): AlertDoc[] {
  return ownerChannels(owner, settings).map((channel) => ({
    _id: newId(),
    responseId,
    ownerId: owner.id,
    channel,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  }));
}
