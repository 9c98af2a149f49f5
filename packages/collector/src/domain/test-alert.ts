/**
 * "Send a test alert": one message to an owner on each channel they can be reached on, sent at once through
 * the same channel adapters the outbox uses, so a PM sees whether an address, a Slack webhook or a signed
 * webhook works before an answer depends on it. Nothing is stored and nothing is retried: the outcome of each
 * attempt is the answer. The message is an item alert whose item says it is a test (`details.test`).
 */
import type { Channel, HeedConfig, Owner } from '@heed/shared';
import type { ChannelAdapters } from './channels.ts';
import { ownerChannels, type ChannelSettings } from './enqueue-alerts.ts';
import type { AlertDoc, ItemDoc } from '../store/store.ts';

export interface TestAlertDeps {
  config: HeedConfig;
  channels: ChannelAdapters;
  channelSettings: ChannelSettings;
  newId: () => string;
}

export interface TestAlertResult {
  channel: Channel;
  status: 'delivered' | 'failed';
  error?: string;
}

/** The test item an owner's test alert is about. */
export function testItem(owner: Owner, actor: string, now: Date, id: string): ItemDoc {
  return {
    _id: id,
    source: 'manual',
    sourceId: `test-alert:${id}`,
    title: 'Test alert',
    text: `A test alert from Heed, sent by ${actor}: ${owner.name} gets alerts on this channel.`,
    customer: {},
    reporter: { name: actor },
    links: [],
    details: { test: 'true' },
    occurredAt: now,
    receivedAt: now,
    routing: { status: 'routed', owner: owner.id, reason: 'test' },
    triage: { status: 'new', owner: owner.id, tags: [], history: [] },
  };
}

/** Sends the test alert on each of the owner's channels, one attempt each, and answers every outcome. */
export async function sendTestAlert(deps: TestAlertDeps, owner: Owner, actor: string, now: Date): Promise<TestAlertResult[]> {
  const item = testItem(owner, actor, now, deps.newId());
  return Promise.all(
    ownerChannels(owner, deps.channelSettings).map(async (channel): Promise<TestAlertResult> => {
      const adapter = deps.channels[channel];
      if (!adapter) return { channel, status: 'failed', error: `no ${channel} channel is configured on this collector` };
      const alert: AlertDoc = { _id: deps.newId(), responseId: item._id, ownerId: owner.id, channel, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
      try {
        const outcome = await adapter.sendItemAlert({ alert, item, owner, config: deps.config, now });
        return outcome.status === 'delivered' ? { channel, status: 'delivered' } : { channel, status: 'failed', error: outcome.error };
      } catch (error) {
        return { channel, status: 'failed', error: (error as Error).message };
      }
    }),
  );
}
