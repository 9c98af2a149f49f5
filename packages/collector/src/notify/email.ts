/**
 * Email alerts over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587`): plain text plus HTML
 * with everything from the response HTML-escaped. The alert id goes out as the Message-ID, so a repeated
 * attempt is recognisably the same message.
 */
import type { Transporter } from 'nodemailer';
import type { HeedConfig, Owner } from '@heed/shared';
import type { AlertDoc, ResponseDoc } from '../store/store.ts';
import type { DeliveryOutcome } from './delivery.ts';
import { alertDetails, alertHeadline, consoleUrl } from './summary.ts';

/** The SMTP client and sender (notify/smtp-mailer.ts makes one from `SMTP_URL`). */
export interface Mailer {
  transporter: Transporter;
  /** The From address, e.g. `Heed <heed@example.com>`. */
  from: string;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export function emailMessage(response: ResponseDoc, owner: Owner, config: HeedConfig): EmailMessage {
  const subject = `${alertHeadline(response, config)} (${response.surveyId})`;
  const comment = response.answers.comment?.trim();
  const details = alertDetails(response);
  const link = config.publicUrl ? consoleUrl(config.publicUrl, response._id) : undefined;
  const routed = `Routed to ${owner.name} (${response.routing.reason}).`;

  const text = [
    subject,
    '',
    comment ? `Comment:\n${comment}` : 'No comment.',
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    '',
    routed,
    ...(link ? [`Open in the console: ${link}`] : []),
  ].join('\n');

  const rows = details.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  const html = [
    `<h2>${escapeHtml(subject)}</h2>`,
    comment ? `<blockquote style="white-space:pre-wrap">${escapeHtml(comment)}</blockquote>` : '<p><em>No comment.</em></p>',
    `<table>${rows.join('')}</table>`,
    `<p>${escapeHtml(routed)}</p>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}">Open in the console</a></p>`] : []),
  ].join('\n');

  return { subject, text, html };
}

export async function sendEmail(
  alert: AlertDoc,
  response: ResponseDoc,
  owner: Owner,
  config: HeedConfig,
  mailer: Mailer,
): Promise<DeliveryOutcome> {
  if (!owner.email) return { status: 'fail', error: `owner "${owner.id}" has no email` };
  try {
    await mailer.transporter.sendMail({
      from: mailer.from,
      to: owner.email,
      messageId: `<${alert._id}@heed>`,
      ...emailMessage(response, owner, config),
    });
    return { status: 'delivered' };
  } catch (error) {
    return classifySmtpError(error);
  }
}

/**
 * SMTP 5xx replies are permanent (bad mailbox, refused message); 4xx replies, connection errors and timeouts
 * are worth another attempt.
 */
export function classifySmtpError(error: unknown): DeliveryOutcome {
  const { message, responseCode, code } = error as { message?: string; responseCode?: number; code?: string };
  const description = message ?? String(error);
  if (responseCode !== undefined && responseCode >= 500) return { status: 'fail', error: description };
  if (responseCode === undefined && (code === 'EENVELOPE' || code === 'EMESSAGE')) return { status: 'fail', error: description };
  return { status: 'retry', error: description };
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
