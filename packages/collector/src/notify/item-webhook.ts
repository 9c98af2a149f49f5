/**
 * Signed webhooks for intake items: JSON `{type:"item.routed", id, item, owner, reasons}`, sent and signed
 * exactly as answers' alerts are (webhook.ts): `Heed-Delivery-Id` is the alert id, `Heed-Signature`
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 */
import type { HeedConfig, Owner } from '@heed/shared';
import { presentItem } from '../domain/items-query.ts';
import type { AlertDoc, ItemDoc } from '../store/store.ts';
import type { DeliveryOutcome, SendOptions } from './delivery.ts';
import type { Post } from './http-post.ts';
import { postSignedWebhook } from './webhook.ts';

export function itemWebhookBody(alert: AlertDoc, item: ItemDoc, owner: Owner): string {
  return JSON.stringify({
    type: 'item.routed',
    id: alert._id,
    item: presentItem(item),
    owner: { id: owner.id, name: owner.name },
    reasons: [item.routing.reason],
  });
}

export async function sendItemWebhook(
  alert: AlertDoc,
  item: ItemDoc,
  owner: Owner,
  _config: HeedConfig,
  post: Post,
  options: SendOptions = {},
): Promise<DeliveryOutcome> {
  return postSignedWebhook(owner, alert._id, itemWebhookBody(alert, item, owner), post, options);
}
