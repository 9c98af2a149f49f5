/**
 * The SMTP client for `SMTP_URL`, in a module of its own so that a collector without email never loads it:
 * server.ts imports it only when `SMTP_URL` is set.
 */
import nodemailer from 'nodemailer';
import { DEFAULT_TIMEOUT_MS } from './delivery.ts';
import type { Mailer } from './email.ts';

/** Every stage of a connection (connect, greeting, each command) is bounded by `timeoutMs`. */
export function createMailer(smtpUrl: string, from: string, timeoutMs = DEFAULT_TIMEOUT_MS): Mailer {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return { transporter, from };
}
