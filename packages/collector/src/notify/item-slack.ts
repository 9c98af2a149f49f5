/**
 * Slack alerts for intake items: the same Block Kit layout as answers (slack.ts), with the item's source and
 * feedback type in the header, its escaped and capped text, customer and reporter as fields, and buttons
 * for its links and the console. Everything from the item is escaped (`&<>`) and cut to Block Kit's limits.
 */
import type { HeedConfig, Owner } from '@heed/shared';
import type { AlertDoc, ItemDoc } from '../store/store.ts';
import { postJson, type DeliveryOutcome, type SendOptions } from './delivery.ts';
import type { Post } from './http-post.ts';
import { consoleItemUrl, itemDetails, itemHeadline, itemLinks } from './item-summary.ts';
import { COMMENT_CAP, SLACK_LIMITS, escapeCapped, type SlackBlock, type SlackMessage } from './slack.ts';

/** Buttons in one actions block (Block Kit allows 25; a few links are plenty). */
const MAX_BUTTONS = 5;

export function slackItemMessage(item: ItemDoc, owner: Owner, config: HeedConfig): SlackMessage {
  const title = itemHeadline(item, config);
  const text = item.text.trim();
  const fields = itemDetails(item, config)
    .slice(0, SLACK_LIMITS.fields)
    .map(([label, value]) => mrkdwn(`*${label}*\n${escapeCapped(value, SLACK_LIMITS.fieldText - label.length - 10)}`));
  const buttons = itemLinks(item)
    .filter((link) => link.url.length <= SLACK_LIMITS.buttonUrl)
    .map((link) => ({ type: 'button' as const, text: { type: 'plain_text' as const, text: plainCapped(link.name, SLACK_LIMITS.buttonText) }, url: link.url }));
  if (config.publicUrl) buttons.unshift({ type: 'button', text: { type: 'plain_text', text: 'Open in console' }, url: consoleItemUrl(config.publicUrl, item._id) });

  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: plainCapped(title, SLACK_LIMITS.headerText), emoji: true } },
    { type: 'section', text: mrkdwn(`*Feedback*\n${escapeCapped(text, COMMENT_CAP)}`) },
    { type: 'section', fields },
    { type: 'context', elements: [mrkdwn(`Routed to *${escapeCapped(owner.name, 200)}* (${escapeCapped(item.routing.reason, 100)})`)] },
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons.slice(0, MAX_BUTTONS) });
  return { text: `${escapeCapped(title, 300)}: ${escapeCapped(text, 200)}`, blocks };
}

export async function sendSlackItem(
  _alert: AlertDoc,
  item: ItemDoc,
  owner: Owner,
  config: HeedConfig,
  post: Post,
  options: SendOptions = {},
): Promise<DeliveryOutcome> {
  if (!owner.slackWebhookUrl) return { status: 'fail', error: `owner "${owner.id}" has no slackWebhookUrl` };
  return postJson(post, owner.slackWebhookUrl, JSON.stringify(slackItemMessage(item, owner, config)), {}, options);
}

function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text };
}

/** Plain text (headers, buttons) is not mrkdwn: no escaping, only the cut. */
function plainCapped(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max && text.length <= max ? text : `${chars.slice(0, max - 1).join('').slice(0, max - 1)}…`;
}
