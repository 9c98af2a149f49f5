/**
 * A message to the forwarding address as a draft. Most arrive forwarded by staff, so the item is the
 * forwarded original: its sender (the customer contact), subject, text and date, read from a
 * `message/rfc822` part or from the forward block mail clients write into the body (Gmail's
 * "---------- Forwarded message ---------", Apple Mail's "Begin forwarded message:", Outlook's
 * "-----Original Message-----"); the forwarder is the reporter and their note is kept. A message sent
 * straight to the address is its own original. HTML is reduced to text by mailparser; nothing of the
 * markup is kept.
 */
import { createHash } from 'node:crypto';
import type { FeedbackDraftInput, HeedConfig } from '@heed/shared';
import type { AddressObject, ParsedMail } from 'mailparser';
import { findFeedbackType } from '../domain/intake.ts';

export interface Address {
  name?: string;
  address: string;
}

export interface Original {
  from?: Address;
  subject?: string;
  date?: Date;
  text: string;
}

const MARKER = /^[ \t>]*(?:-{2,}\s*Forwarded message\s*-{2,}|Begin forwarded message:|-{2,}\s*Original Message\s*-{2,})[ \t]*$/im;
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/;

/** `Jane Doe <jane@x.example>`, `"Doe, Jane" [mailto:jane@x.example]`, `jane@x.example` as an address. */
export function parseAddress(value: string): Address | undefined {
  const address = EMAIL.exec(value)?.[0];
  if (!address) return undefined;
  const name = value
    .replace(/<[^>]*>|\[mailto:[^\]]*\]/gi, '')
    .replace(address, '')
    .replace(/^[\s"']+|[\s"']+$/g, '')
    .trim();
  return { address: address.toLowerCase(), ...(name !== '' && { name }) };
}

/** Dates as mail clients print them in forward blocks ("Tue, Mar 3, 2026 at 4:00 PM"). */
function parseLooseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.replace(/\s+at\s+/i, ' ').replace(/\s+\([^)]*\)\s*$/, ''));
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Text without control characters other than tab and line breaks, lines right-trimmed. */
export function safeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200D\u2028\u2029\uFEFF]/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function unquote(lines: string[]): string[] {
  const quoted = lines.filter((line) => line.trim() !== '').every((line) => /^\s*>/.test(line));
  return quoted ? lines.map((line) => line.replace(/^\s*> ?/, '')) : lines;
}

/** The first forward block of a plain-text body: the note above it and the original it quotes. */
export function forwardedBlock(text: string): { note: string; original: Original } | undefined {
  const normalised = text.replace(/\r\n?/g, '\n');
  const marker = MARKER.exec(normalised);
  if (!marker) return undefined;
  return readOriginal(normalised.slice(0, marker.index), normalised.slice(marker.index + marker[0].length));
}

/**
 * The original of a message that attaches it as `message/rfc822`: mailparser writes the attached message
 * into the text as its header lines (From, Subject, Date, To) and its body, after the forwarder's note.
 */
export function attachedBlock(text: string): { note: string; original: Original } | undefined {
  const normalised = text.replace(/\r\n?/g, '\n');
  const from = /^From: .*$/m.exec(normalised);
  if (!from) return undefined;
  return readOriginal(normalised.slice(0, from.index), normalised.slice(from.index));
}

/** The header lines (`From: ...`) and body of a forwarded original, with the note written above it. */
function readOriginal(note: string, rest: string): { note: string; original: Original } {
  const lines = rest.split('\n').map((line) => line.replace(/^\s*> ?/, (quote) => (/^\s*>\s*\*?[A-Za-z -]{1,20}:/.test(line) ? '' : quote)));
  let index = 0;
  while (index < lines.length && lines[index]?.trim() === '') index++;
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '') break;
    const header = /^\s*\*?([A-Za-z][A-Za-z -]{0,20}):\*?\s*(.*)$/.exec(line);
    if (header) {
      last = (header[1] as string).trim().toLowerCase();
      headers[last] = (header[2] as string).trim();
    } else if (last && /^\s/.test(line)) {
      headers[last] += ` ${line.trim()}`;
    } else break;
  }
  const from = headers.from ? parseAddress(headers.from) : undefined;
  const date = parseLooseDate(headers.date ?? headers.sent);
  return {
    note: safeText(note),
    original: {
      ...(from && { from }),
      ...(headers.subject && { subject: headers.subject }),
      ...(date && { date }),
      text: safeText(unquote(lines.slice(index)).join('\n')),
    },
  };
}

function firstAddress(object: AddressObject | AddressObject[] | undefined): Address | undefined {
  const list = Array.isArray(object) ? object : object ? [object] : [];
  for (const entry of list) {
    for (const value of entry.value) {
      if (value.address) return { address: value.address.toLowerCase(), ...(value.name && { name: value.name }) };
    }
  }
  return undefined;
}

function bodyText(mail: ParsedMail): string {
  return safeText(mail.text ?? '');
}

/** True when the raw message has a `message/rfc822` part (a forward "as attachment"). */
function attachesMessage(raw: Buffer): boolean {
  return /^content-type:[ \t]*message\/rfc822/im.test(raw.toString('latin1'));
}

function stripForwardPrefix(subject: string | undefined): string | undefined {
  const stripped = subject?.replace(/^\s*((fwd?|fw|wg|tr|rv)\s*:\s*)+/i, '').trim();
  return stripped === '' ? undefined : stripped;
}

/** The feedback type named by a recipient's plus tag (`feedback+case-logic@...`), if any. */
function plusTagType(recipients: readonly string[], config: HeedConfig): string | undefined {
  for (const recipient of recipients) {
    const tag = /^[^@+]+\+([^@]+)@/.exec(recipient)?.[1];
    const type = tag && findFeedbackType(config, tag.replace(/[_.]/g, '-'));
    if (type) return type;
  }
  return undefined;
}

export type EmailStep = { kind: 'take'; draft: FeedbackDraftInput } | { kind: 'invalid'; message: string };

/**
 * The draft for a received message. `recipients` are the envelope's (RCPT TO); `raw` is hashed for a source
 * id when the message has no Message-ID.
 */
export function emailDraft(mail: ParsedMail, recipients: readonly string[], raw: Buffer, config: HeedConfig): EmailStep {
  const sender = firstAddress(mail.from);
  const block = (attachesMessage(raw) ? attachedBlock(mail.text ?? '') : undefined) ?? forwardedBlock(mail.text ?? '');
  const original = block?.original;
  const note = block?.note ?? '';
  const forwarded = original !== undefined;

  const text = (forwarded ? original.text || note : bodyText(mail)).slice(0, 20_000);
  if (text === '') return { kind: 'invalid', message: 'the message has no text' };
  const customer = forwarded ? original.from : sender;
  const subject = forwarded ? (original.subject ?? stripForwardPrefix(mail.subject)) : mail.subject?.trim();
  const sourceId = mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
  const feedbackType = plusTagType(recipients, config) ?? config.intake.email?.feedbackType;
  const occurredAt = (forwarded ? original.date : undefined) ?? mail.date;

  return {
    kind: 'take',
    draft: {
      source: 'email',
      sourceId: sourceId.slice(0, 500),
      ...(feedbackType !== undefined && { feedbackType }),
      ...(subject && { title: subject.slice(0, 500) }),
      text,
      customer: customer ? { contactEmail: customer.address } : {},
      ...(forwarded && sender && { reporter: { email: sender.address, ...(sender.name && { name: sender.name.slice(0, 200) }) } }),
      ...(occurredAt && { occurredAt }),
      details: {
        ...(customer && { from: customer.name ? `${customer.name} <${customer.address}>` : customer.address }),
        ...(forwarded && sender && { forwardedBy: sender.address }),
        ...(note !== '' && forwarded && { note: note.slice(0, 5000) }),
        ...(mail.messageId && { messageId: mail.messageId.slice(0, 5000) }),
        to: recipients.join(', ').slice(0, 5000),
      },
    },
  };
}
