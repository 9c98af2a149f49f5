/**
 * The channel adapters the delivery engine is given (the port is `domain/channels.ts`): signed webhooks and
 * Slack over HTTP POST (http-post.ts), email over the SMTP mailer when there is one. Each sends alerts (about
 * answers and intake items) and digests.
 */
import type { ChannelAdapters } from '../domain/channels.ts';
import type { Post } from './http-post.ts';
import { sendDigest } from './digest-delivery.ts';
import { sendEmail, type Mailer } from './email.ts';
import { sendItemEmail } from './item-email.ts';
import { sendSlackItem } from './item-slack.ts';
import { sendItemWebhook } from './item-webhook.ts';
import { sendSlack } from './slack.ts';
import { sendWebhook } from './webhook.ts';

export interface ChannelOptions {
  post: Post;
  /** Without one there is no email channel. */
  mailer?: Mailer;
  /** Timeout of one outbound HTTP request. */
  timeoutMs?: number;
}

export function notifyChannels({ post, mailer, timeoutMs }: ChannelOptions): ChannelAdapters {
  const transports = { post, ...(mailer && { mailer }), ...(timeoutMs !== undefined && { timeoutMs }) };
  const send = (now: Date) => ({ now, ...(timeoutMs !== undefined && { timeoutMs }) });
  return {
    webhook: {
      sendAlert: ({ alert, response, owner, config, now }) => sendWebhook(alert, response, owner, config, post, send(now)),
      sendItemAlert: ({ alert, item, owner, config, now }) => sendItemWebhook(alert, item, owner, config, post, send(now)),
      sendDigest: ({ digest, owner, deliveryId, now }) => sendDigest(digest, owner, 'webhook', deliveryId, transports, now),
    },
    slack: {
      sendAlert: ({ alert, response, owner, config, now }) => sendSlack(alert, response, owner, config, post, send(now)),
      sendItemAlert: ({ alert, item, owner, config, now }) => sendSlackItem(alert, item, owner, config, post, send(now)),
      sendDigest: ({ digest, owner, deliveryId, now }) => sendDigest(digest, owner, 'slack', deliveryId, transports, now),
    },
    ...(mailer && {
      email: {
        sendAlert: ({ alert, response, owner, config }) => sendEmail(alert, response, owner, config, mailer),
        sendItemAlert: ({ alert, item, owner, config }) => sendItemEmail(alert, item, owner, config, mailer),
        sendDigest: ({ digest, owner, deliveryId, now }) => sendDigest(digest, owner, 'email', deliveryId, transports, now),
      },
    }),
  };
}
