/**
 * Signed webhooks for intake items: JSON `{type:"item.routed", id, item, owner, reasons}`, sent and signed
 * exactly as answers' alerts are (webhook.ts): `Heed-Delivery-Id` is the alert id, `Heed-Signature`
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
 */
import type { HeedConfig, Owner } from '@heed/shared';
import { presentItem } from '../domain/items-query.ts';
import type { AlertDoc, ItemDoc } from '../store/store.ts';
import { postJson, type DeliveryOutcome, type Fetch, type SendOptions } from './delivery.ts';
import { signWebhook } from './webhook.ts';

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
  fetch: Fetch,
  options: SendOptions = {},
): Promise<DeliveryOutcome> {
  if (!owner.webhookUrl || !owner.webhookSecret) return { status: 'fail', error: `owner "${owner.id}" has no webhookUrl and webhookSecret` };
  const body = itemWebhookBody(alert, item, owner);
  const unixTime = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return postJson(
    fetch,
    owner.webhookUrl,
    body,
    { 'heed-delivery-id': alert._id, 'heed-signature': signWebhook(owner.webhookSecret, body, unixTime) },
    options,
  );
}
