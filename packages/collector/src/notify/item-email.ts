/**
 * Email alerts for intake items: plain text plus HTML, everything from the item HTML-escaped, the alert id
 * as the Message-ID (as email.ts does for answers).
 */
import type { HeedConfig, Owner } from '@heed/shared';
import type { AlertDoc, ItemDoc } from '../store/store.ts';
import type { DeliveryOutcome } from './delivery.ts';
import { classifySmtpError, escapeHtml, type EmailMessage, type Mailer } from './email.ts';
import { consoleItemUrl, itemDetails, itemHeadline, itemLinks } from './item-summary.ts';

export function itemEmailMessage(item: ItemDoc, owner: Owner, config: HeedConfig): EmailMessage {
  // A subject is one line: line breaks in a title would end the header.
  const subject = itemHeadline(item, config).replace(/[\r\n]+/g, ' ');
  const text = item.text.trim();
  const details = itemDetails(item, config);
  const links = itemLinks(item);
  const consoleLink = config.publicUrl ? consoleItemUrl(config.publicUrl, item._id) : undefined;
  const routed = `Routed to ${owner.name} (${item.routing.reason}).`;

  const plain = [
    subject,
    '',
    `Feedback:\n${text}`,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    ...(links.length > 0 ? ['', ...links.map((link) => `${link.name}: ${link.url}`)] : []),
    '',
    routed,
    ...(consoleLink ? [`Open in the console: ${consoleLink}`] : []),
  ].join('\n');

  const rows = details.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  const html = [
    `<h2>${escapeHtml(subject)}</h2>`,
    `<blockquote style="white-space:pre-wrap">${escapeHtml(text)}</blockquote>`,
    `<table>${rows.join('')}</table>`,
    ...(links.length > 0 ? [`<ul>${links.map((link) => `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.name)}</a></li>`).join('')}</ul>`] : []),
    `<p>${escapeHtml(routed)}</p>`,
    ...(consoleLink ? [`<p><a href="${escapeHtml(consoleLink)}">Open in the console</a></p>`] : []),
  ].join('\n');

  return { subject, text: plain, html };
}

export async function sendItemEmail(alert: AlertDoc, item: ItemDoc, owner: Owner, config: HeedConfig, mailer: Mailer): Promise<DeliveryOutcome> {
  if (!owner.email) return { status: 'fail', error: `owner "${owner.id}" has no email` };
  try {
    await mailer.transporter.sendMail({ from: mailer.from, to: owner.email, messageId: `<${alert._id}@heed>`, ...itemEmailMessage(item, owner, config) });
    return { status: 'delivered' };
  } catch (error) {
    return classifySmtpError(error);
  }
}
