/**
 * Sending one digest on one of its owner's channels, with the alert channels' transports:
 * - webhook: JSON `{type:"digest.weekly", id, digest}`, signed like alerts (`Heed-Delivery-Id`, `Heed-Signature`);
 * - Slack: a Block Kit message;
 * - email: text and HTML parts, the delivery id as Message-ID.
 */
import type { Channel, Owner } from '@heed/shared';
import type { Digest } from '../domain/digest.ts';
import { postJson, type DeliveryOutcome } from './delivery.ts';
import type { Post } from './http-post.ts';
import { digestSlackMessage, digestSubject, renderDigestHtml, renderDigestText } from './digest-render.ts';
import { classifySmtpError, type Mailer } from './email.ts';
import { postSignedWebhook } from './webhook.ts';

export interface DigestTransports {
  post: Post;
  /** Without one, email is not a channel. */
  mailer?: Mailer;
  /** Timeout of one outbound HTTP request. */
  timeoutMs?: number;
}

export function digestWebhookBody(digest: Digest, deliveryId: string): string {
  return JSON.stringify({ type: 'digest.weekly', id: deliveryId, digest });
}

/** Sends `digest` to `owner` on `channel`; `deliveryId` is the same on every attempt, so receivers can drop repeats. */
export async function sendDigest(
  digest: Digest,
  owner: Owner,
  channel: Channel,
  deliveryId: string,
  { post, mailer, timeoutMs }: DigestTransports,
  now: Date,
): Promise<DeliveryOutcome> {
  if (channel === 'webhook') {
    return postSignedWebhook(owner, deliveryId, digestWebhookBody(digest, deliveryId), post, { now, ...(timeoutMs !== undefined && { timeoutMs }) });
  }
  if (channel === 'slack') {
    if (!owner.slackWebhookUrl) return { status: 'fail', error: `owner "${owner.id}" has no slackWebhookUrl` };
    return postJson(post, owner.slackWebhookUrl, JSON.stringify(digestSlackMessage(digest)), {}, { now, ...(timeoutMs !== undefined && { timeoutMs }) });
  }
  if (!owner.email || !mailer) return { status: 'fail', error: `owner "${owner.id}" has no email, or no SMTP transport is set up` };
  try {
    await mailer.transporter.sendMail({
      from: mailer.from,
      to: owner.email,
      // Message-ID local parts may not hold ":".
      messageId: `<${deliveryId.replaceAll(':', '.')}@heed>`,
      subject: digestSubject(digest),
      text: renderDigestText(digest),
      html: renderDigestHtml(digest),
    });
    return { status: 'delivered' };
  } catch (error) {
    return classifySmtpError(error);
  }
}
