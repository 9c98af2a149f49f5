/**
 * Putting alerts in the durable outbox: one per channel the owner can be reached on. The unique
 * (responseId, ownerId, channel) index makes this idempotent: enqueueing again keeps the alerts (and the
 * delivery ids) already there.
 */
import type { Channel, Owner } from '@heed/shared';
import type { AlertDoc, Store } from '../store/store.ts';

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

/** Enqueues the owner's alerts for a response; returns how many were new. */
export async function enqueueAlerts(
  store: Store,
  responseId: string,
  owner: Owner,
  settings: ChannelSettings,
  now: Date,
  newId: () => string,
): Promise<number> {
  const alerts = ownerAlerts(responseId, owner, settings, now, newId);
  if (alerts.length === 0) return 0;
  const { insertedIds } = await store.collection('alerts').insertMany(alerts);
  return insertedIds.length;
}
