/**
 * Slack's message shortcut "Send to Heed": the interaction payload (`application/x-www-form-urlencoded`,
 * `payload=<JSON>`) as a feedback draft that links to the message, and the ephemeral confirmation sent to
 * the payload's `response_url` (seen only by whoever used the shortcut, so customers in a shared channel
 * never see it).
 */
import type { FeedbackDraftInput } from '@heed/shared';
import { z } from 'zod';

/** The parts of a `message_action` payload Heed reads; Slack sends many more. */
export const SlackMessageActionSchema = z.object({
  type: z.literal('message_action'),
  callback_id: z.string(),
  response_url: z.url({ protocol: /^https?$/ }),
  team: z.object({ id: z.string().min(1), domain: z.string().regex(/^[a-z0-9-]+$/i).optional() }),
  channel: z.object({ id: z.string().regex(/^[A-Z0-9]+$/), name: z.string().optional() }),
  user: z.object({ id: z.string().min(1), name: z.string().optional(), username: z.string().optional() }),
  message: z.object({
    ts: z.string().regex(/^\d+\.\d+$/),
    thread_ts: z.string().regex(/^\d+\.\d+$/).optional(),
    user: z.string().optional(),
    username: z.string().optional(),
    bot_id: z.string().optional(),
    text: z.string().default(''),
  }),
});
export type SlackMessageAction = z.infer<typeof SlackMessageActionSchema>;

/** What an interaction delivery holds: a payload to read, or the reason it cannot be read. */
export type SlackPayload = { kind: 'message_action'; action: SlackMessageAction } | { kind: 'other'; type: string } | { kind: 'invalid'; message: string };

/** Reads the `payload` field of a form-encoded interaction body. */
export function readSlackPayload(form: string): SlackPayload {
  const raw = new URLSearchParams(form).get('payload');
  if (raw === null) return { kind: 'invalid', message: 'body.payload: required (Slack sends the interaction as payload=<JSON>)' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', message: 'body.payload: is not valid JSON' };
  }
  const type = (json as { type?: unknown } | null)?.type;
  if (type !== 'message_action') return { kind: 'other', type: typeof type === 'string' ? type : 'unknown' };
  const parsed = SlackMessageActionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', message: `body.payload.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { kind: 'message_action', action: parsed.data };
}

/**
 * The message's permalink: `https://<team>.slack.com/archives/<channel>/p<ts without the dot>`, with the
 * thread for a reply. Without the team's domain, Slack's `app_redirect` opens the channel.
 */
export function slackPermalink(action: SlackMessageAction): string {
  const { team, channel, message } = action;
  if (!team.domain) return `https://slack.com/app_redirect?team=${encodeURIComponent(team.id)}&channel=${encodeURIComponent(channel.id)}`;
  const base = `https://${team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`;
  return message.thread_ts && message.thread_ts !== message.ts ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}` : base;
}

/**
 * Slack's message markup as plain text: `<https://x|label>` -> `label (https://x)`, `<@U123>` -> `@U123`,
 * `<#C1|general>` -> `#general`, `<!here>` -> `@here`, and the `&amp; &lt; &gt;` escapes undone.
 */
export function slackText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^<>|]+)(?:\|([^<>]*))?>/g, (_whole, target: string, label: string | undefined) => {
      if (target.startsWith('@')) return label ? `@${label}` : target;
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).split('^')[0]}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The draft for a shared message: the one who used the shortcut is the reporter. */
export function slackDraft(action: SlackMessageAction, feedbackType?: string): FeedbackDraftInput {
  const { team, channel, user, message } = action;
  const reporterName = user.name ?? user.username;
  const author = message.user ?? message.username ?? message.bot_id;
  return {
    source: 'slack',
    sourceId: `${team.id}:${channel.id}:${message.ts}`,
    ...(feedbackType !== undefined && { feedbackType }),
    text: slackText(message.text),
    ...(reporterName !== undefined && { reporter: { name: reporterName } }),
    links: [{ rel: 'message', url: slackPermalink(action), title: channel.name ? `#${channel.name}` : 'Slack message' }],
    occurredAt: new Date(Math.round(Number(message.ts) * 1000)),
    details: {
      slackTeam: team.id,
      slackChannel: channel.id,
      ...(channel.name !== undefined && { slackChannelName: channel.name }),
      ...(author !== undefined && { slackAuthor: author }),
      slackReporter: user.id,
    },
  };
}

/** The confirmation Slack shows only to the person who used the shortcut. */
export function ephemeralReply(text: string): { response_type: 'ephemeral'; replace_original: false; text: string } {
  return { response_type: 'ephemeral', replace_original: false, text };
}
