/**
 * Signed webhooks. The body is JSON `{type:"response.routed", id, response, owner, reasons}`; `Heed-Delivery-Id`
 * carries the alert id (the same on every retry, so receivers can drop repeats) and `Heed-Signature`
 * is `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HeedConfig, Owner } from '@heed/shared';
import { presentResponse } from '../domain/responses-query.ts';
import type { AlertDoc, ResponseDoc } from '../store/store.ts';
import { postJson, type DeliveryOutcome, type SendOptions } from './delivery.ts';
import type { Post } from './http-post.ts';

export function webhookBody(alert: AlertDoc, response: ResponseDoc, owner: Owner): string {
  return JSON.stringify({
    type: 'response.routed',
    id: alert._id,
    response: presentResponse(response),
    owner: { id: owner.id, name: owner.name },
    reasons: [response.routing.reason],
  });
}

export async function sendWebhook(
  alert: AlertDoc,
  response: ResponseDoc,
  owner: Owner,
  _config: HeedConfig,
  post: Post,
  options: SendOptions = {},
): Promise<DeliveryOutcome> {
  return postSignedWebhook(owner, alert._id, webhookBody(alert, response, owner), post, options);
}

/**
 * Posts `body` to the owner's webhook with `Heed-Delivery-Id: deliveryId` and its `Heed-Signature`: how every
 * webhook Heed sends (answer and item alerts, digests) goes out.
 */
export function postSignedWebhook(owner: Owner, deliveryId: string, body: string, post: Post, options: SendOptions = {}): Promise<DeliveryOutcome> {
  if (!owner.webhookUrl || !owner.webhookSecret) {
    return Promise.resolve({ status: 'fail', error: `owner "${owner.id}" has no webhookUrl and webhookSecret` });
  }
  const unixTime = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return postJson(post, owner.webhookUrl, body, { 'heed-delivery-id': deliveryId, 'heed-signature': signWebhook(owner.webhookSecret, body, unixTime) }, options);
}

/** The `Heed-Signature` header value for `body` signed at `unixTime` (seconds). */
export function signWebhook(secret: string, body: string, unixTime: number): string {
  return `t=${unixTime},v1=${hmacHex(secret, `${unixTime}.${body}`)}`;
}

/**
 * Checks a `Heed-Signature` header against the raw body: one of its `v1` signatures must match (compared in
 * constant time) and its `t` must be within `toleranceSeconds` of `now`, which bounds replays.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  if (t === undefined || !/^\d+$/.test(t)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'utf8');
  return parts.some(([key, value]) => {
    if (key !== 'v1' || value === undefined) return false;
    const given = Buffer.from(value, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}
