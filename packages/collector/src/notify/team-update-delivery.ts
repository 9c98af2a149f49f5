/**
 * Sending the weekly team update on one of its channels (domain/team-update-scheduler.ts):
 * - webhook: JSON `{type:"team-update.weekly", id, update}`, signed like alerts (`Heed-Delivery-Id`, `Heed-Signature`);
 * - Slack: a text message with the pursued items and their issue links;
 * - email: text and HTML parts, the delivery id as Message-ID.
 * Everything taken from feedback is escaped for the channel it goes to.
 */
import type { TeamUpdateSender } from '../domain/team-update-scheduler.ts';
import type { TeamUpdate } from '../domain/team-update.ts';
import { postJson } from './delivery.ts';
import type { Post } from './http-post.ts';
import { classifySmtpError, type Mailer } from './email.ts';
import { signWebhook } from './webhook.ts';

export interface TeamUpdateTransports {
  post: Post;
  mailer?: Mailer;
  timeoutMs?: number;
}

export function teamUpdateSubject(update: TeamUpdate): string {
  return `${update.name} update, week to ${update.periodKey}: ${update.pursued.length + update.morePursued} pursued, ${update.newItems.total} new`;
}

/** The update as plain text lines (email text part, and the base of the Slack message). */
export function renderTeamUpdateText(update: TeamUpdate): string {
  const lines = [teamUpdateSubject(update), '', `Being pursued (${update.pursued.length + update.morePursued}):`];
  if (update.pursued.length === 0) lines.push('  nothing');
  for (const item of update.pursued) {
    lines.push(`- [${item.status}] ${item.title}${item.owner ? ` (${item.owner})` : ''}`);
    lines.push(`  issue: ${item.issueUrl ?? 'none linked'}`);
    for (const change of item.changes) lines.push(`  ${change.at.slice(0, 10)} ${change.actor}: ${describeChange(change.changes)}`);
  }
  if (update.morePursued > 0) lines.push(`  and ${update.morePursued} more`);
  lines.push('', `New this week: ${update.newItems.total}`);
  lines.push(`  by source: ${formatCounts(update.newItems.bySource)}`, `  by type: ${formatCounts(update.newItems.byType)}`);
  lines.push('', `Escalations: ${update.escalations.length}`);
  for (const escalation of update.escalations) lines.push(`- ${escalation.title} (${escalation.from ?? '?'} -> ${escalation.to ?? '?'})`);
  lines.push('', `Alerts that failed: ${update.failedAlerts.length}`);
  for (const alert of update.failedAlerts) lines.push(`- ${alert.ownerId} on ${alert.channel}: ${alert.lastError ?? 'failed'}`);
  return lines.join('\n');
}

export function renderTeamUpdateHtml(update: TeamUpdate): string {
  const e = escapeHtml;
  const pursued = update.pursued
    .map(
      (item) =>
        `<li><strong>${e(item.status)}</strong> ${e(item.title)}${item.owner ? ` (${e(item.owner)})` : ''}<br>` +
        (item.issueUrl ? `<a href="${e(item.issueUrl)}">${e(item.issueUrl)}</a>` : '<em>no issue linked</em>') +
        (item.changes.length > 0 ? `<ul>${item.changes.map((c) => `<li>${e(c.at.slice(0, 10))} ${e(c.actor)}: ${e(describeChange(c.changes))}</li>`).join('')}</ul>` : '') +
        '</li>',
    )
    .join('');
  return [
    `<h2>${e(teamUpdateSubject(update))}</h2>`,
    `<h3>Being pursued</h3><ul>${pursued || '<li>nothing</li>'}</ul>`,
    update.morePursued > 0 ? `<p>and ${update.morePursued} more</p>` : '',
    `<h3>New this week: ${update.newItems.total}</h3><p>By source: ${e(formatCounts(update.newItems.bySource))}<br>By type: ${e(formatCounts(update.newItems.byType))}</p>`,
    `<h3>Escalations: ${update.escalations.length}</h3><ul>${update.escalations.map((x) => `<li>${e(x.title)} (${e(x.from ?? '?')} → ${e(x.to ?? '?')})</li>`).join('')}</ul>`,
    `<h3>Alerts that failed: ${update.failedAlerts.length}</h3><ul>${update.failedAlerts.map((a) => `<li>${e(a.ownerId)} on ${e(a.channel)}: ${e(a.lastError ?? 'failed')}</li>`).join('')}</ul>`,
  ].join('\n');
}

function describeChange(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([field, value]) => {
      const change = value as { from?: unknown; to?: unknown } | null;
      if (change && typeof change === 'object' && 'to' in change) return `${field} ${String(change.from ?? '-')} -> ${String(change.to ?? '-')}`;
      return `${field} ${String(value)}`;
    })
    .join(', ');
}

function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([key, n]) => `${key} ${n}`).join(', ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Slack mrkdwn needs `&`, `<` and `>` escaped. */
function escapeSlack(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
}

export function teamUpdateSlackMessage(update: TeamUpdate): { text: string } {
  const text = renderTeamUpdateText(update);
  return { text: escapeSlack(text.length > 3900 ? `${text.slice(0, 3899)}…` : text) };
}

export function teamUpdateSender({ post, mailer, timeoutMs }: TeamUpdateTransports): TeamUpdateSender {
  const options = (now: Date) => ({ now, ...(timeoutMs !== undefined && { timeoutMs }) });
  return async ({ channel, update, settings, deliveryId, now }) => {
    if (channel === 'webhook') {
      if (!settings.webhookUrl || !settings.webhookSecret) return { status: 'fail', error: 'teamUpdate has no webhookUrl and webhookSecret' };
      const body = JSON.stringify({ type: 'team-update.weekly', id: deliveryId, update });
      const signature = signWebhook(settings.webhookSecret, body, Math.floor(now.getTime() / 1000));
      return postJson(post, settings.webhookUrl, body, { 'heed-delivery-id': deliveryId, 'heed-signature': signature }, options(now));
    }
    if (channel === 'slack') {
      if (!settings.slackWebhookUrl) return { status: 'fail', error: 'teamUpdate has no slackWebhookUrl' };
      return postJson(post, settings.slackWebhookUrl, JSON.stringify(teamUpdateSlackMessage(update)), {}, options(now));
    }
    if (!settings.email || !mailer) return { status: 'fail', error: 'teamUpdate has no email, or no SMTP transport is set up' };
    try {
      await mailer.transporter.sendMail({
        from: mailer.from,
        to: settings.email,
        messageId: `<${deliveryId.replaceAll(':', '.')}@heed>`,
        subject: teamUpdateSubject(update),
        text: renderTeamUpdateText(update),
        html: renderTeamUpdateHtml(update),
      });
      return { status: 'delivered' };
    } catch (error) {
      return classifySmtpError(error);
    }
  };
}
