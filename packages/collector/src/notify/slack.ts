/**
 * Slack incoming-webhook alerts: a Block Kit message `{text, blocks}` with the score or reasons (colour cue
 * by emoji), the escaped and capped comment, who answered and where, and a link to the response in the
 * console. Every piece is cut to fit Block Kit's limits whatever the response holds.
 */
import type { HeedConfig, Owner } from '@heed/shared';
import type { AlertDoc, ResponseDoc } from '../store/store.ts';
import { postJson, type DeliveryOutcome, type SendOptions } from './delivery.ts';
import type { Post } from './http-post.ts';
import { alertDetails, alertHeadline, consoleUrl } from './summary.ts';

/** Block Kit limits this message stays within. */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  blocks: 50,
  buttonText: 75,
  buttonUrl: 3000,
} as const;

export const COMMENT_CAP = 1500;

interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'actions'; elements: { type: 'button'; text: TextObject; url: string }[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export function slackMessage(response: ResponseDoc, owner: Owner, config: HeedConfig): SlackMessage {
  const title = alertHeadline(response, config);
  const comment = response.answers.comment?.trim();
  const fields = alertDetails(response).slice(0, SLACK_LIMITS.fields).map(([label, value]) => field(label, value));

  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: capped(title, SLACK_LIMITS.headerText), emoji: true } },
    comment
      ? { type: 'section', text: mrkdwn(`*Comment*\n${escapeCapped(comment, COMMENT_CAP)}`) }
      : { type: 'section', text: mrkdwn('_No comment._') },
    { type: 'section', fields },
    {
      type: 'context',
      elements: [mrkdwn(`Routed to *${escapeCapped(owner.name, 200)}* (${escapeCapped(response.routing.reason, 100)})`)],
    },
  ];
  if (config.publicUrl) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in console' },
          url: consoleUrl(config.publicUrl, response._id),
        },
      ],
    });
  }
  const summary = comment ? `: ${escapeCapped(comment, 200)}` : '';
  return { text: `${escapeCapped(title, 300)}${summary}`, blocks };
}

export async function sendSlack(
  _alert: AlertDoc,
  response: ResponseDoc,
  owner: Owner,
  config: HeedConfig,
  post: Post,
  options: SendOptions = {},
): Promise<DeliveryOutcome> {
  if (!owner.slackWebhookUrl) return { status: 'fail', error: `owner "${owner.id}" has no slackWebhookUrl` };
  return postJson(post, owner.slackWebhookUrl, JSON.stringify(slackMessage(response, owner, config)), {}, options);
}

function mrkdwn(text: string): TextObject {
  return { type: 'mrkdwn', text };
}

function field(label: string, value: string): TextObject {
  return mrkdwn(`*${label}*\n${escapeCapped(value, SLACK_LIMITS.fieldText - label.length - 10)}`);
}

/** Escapes `&`, `<`, `>` for Slack mrkdwn. */
export function escapeSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Escapes `text` and cuts it so the escaped result is at most `max` characters. */
export function escapeCapped(text: string, max: number): string {
  return capped(text, max, escapeSlack);
}

/**
 * Cuts `text` so that, once transformed, it is at most `max` UTF-16 units, never splitting an entity or a
 * surrogate pair; a cut text ends with "…".
 */
function capped(text: string, max: number, transform: (text: string) => string = (t) => t): string {
  const whole = transform(text);
  if (whole.length <= max) return whole;
  let out = '';
  for (const char of text) {
    const next = transform(char);
    if (out.length + next.length > max - 1) break;
    out += next;
  }
  return `${out}…`;
}
