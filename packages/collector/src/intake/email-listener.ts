/**
 * The forwarding address: an SMTP listener (smtp-server) that takes in every message to an accepted
 * domain as a feedback item. A recipient outside the accepted domains is refused at RCPT TO (550), a
 * message over the size limit at MAIL FROM when it declares its size and at the end of DATA otherwise
 * (552). A message is acknowledged (250) only once its item is durably stored; a message that cannot be
 * an item (no text) is refused with 550 and the reason, a store failure with 451 so the sender retries.
 */
import { FeedbackDraftSchema, type EmailIntake, type FeedbackDraft, type HeedConfig } from '@heed/shared';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { IntakeResult } from '../domain/intake.ts';
import { isHeedError } from '../errors.ts';
import { formatIssues } from '../http/format-issues.ts';
import { emailDraft } from './email.ts';

export interface EmailListenerOptions {
  settings: EmailIntake;
  config: HeedConfig;
  /** Stores a draft (the domain's `takeInFeedback`). */
  takeIn: (draft: FeedbackDraft) => Promise<IntakeResult>;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface EmailListener {
  /** The port it listens on (the chosen one when configured with 0). */
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** True when the address's domain is one of `domains` (already lower-case). */
export function acceptsRecipient(address: string, domains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return address.includes('@') && domains.includes(domain);
}

export async function startEmailListener(options: EmailListenerOptions): Promise<EmailListener> {
  const { settings, takeIn, log } = options;
  const server = new SMTPServer({
    name: 'heed',
    banner: 'Heed feedback intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (acceptsRecipient(address.address, settings.acceptDomains)) return callback();
      callback(smtpError(550, `5.1.1 <${address.address}>: this address takes no mail here`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= settings.maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > settings.maxBytes) {
          callback(smtpError(552, `5.3.4 message larger than ${settings.maxBytes} bytes`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        take(raw, recipients).then(
          (reply) => callback(null, reply),
          (error: Error) => callback(error),
        );
      });
    },
  });

  async function take(raw: Buffer, recipients: string[]): Promise<string> {
    const mail = await simpleParser(raw, { skipImageLinks: true });
    const step = emailDraft(mail, recipients, raw, options.config);
    if (step.kind === 'invalid') throw smtpError(550, `5.6.0 ${step.message}`);
    const parsed = FeedbackDraftSchema.safeParse(step.draft);
    if (!parsed.success) throw smtpError(550, `5.6.0 ${formatIssues(parsed.error.issues).join('; ')}`);
    try {
      const result = await takeIn(parsed.data);
      log?.info({ itemId: result.id, duplicate: result.duplicate }, 'email taken in');
      return `2.0.0 taken in as ${result.id}`;
    } catch (error) {
      if (isHeedError(error) && error.statusCode < 500) throw smtpError(550, `5.6.0 ${error.message}`);
      log?.warn({ err: error }, 'email intake failed');
      throw smtpError(451, '4.3.0 cannot store the message now; try again later');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log?.warn({ err: error }, 'email intake listener error'));
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : settings.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
