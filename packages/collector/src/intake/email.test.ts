import { describe, expect, it } from 'vitest';
import { FeedbackDraftSchema } from '@heed/shared';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { testConfig } from '../domain/test-support.ts';
import { emailDraft, forwardedBlock, parseAddress, safeText, type EmailStep } from './email.ts';

const config = testConfig({ intake: { email: { acceptDomains: ['feedback.acme.example'], feedbackType: 'product' } } });

async function raw(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

async function draftOf(options: Mail.Options, recipients = ['feedback@feedback.acme.example']) {
  const message = await raw(options);
  const step: EmailStep = emailDraft(await simpleParser(message), recipients, message, config);
  if (step.kind !== 'take') throw new Error(step.message);
  return FeedbackDraftSchema.parse(step.draft);
}

const gmailForward = [
  'FYI, from the Globex call.',
  '',
  '---------- Forwarded message ---------',
  'From: Jane Customer <Jane@Globex.example>',
  'Date: Tue, Mar 3, 2026 at 4:00 PM',
  'Subject: Export is broken',
  'To: <support@acme.example>',
  '',
  '',
  'Hi, PDF export drops all images.',
  'Thanks, Jane',
].join('\n');

describe('emailDraft', () => {
  it("takes a Gmail forward's original sender, subject, date and text; the forwarder reports", async () => {
    const draft = await draftOf({
      from: 'Pat PM <pat@acme.example>',
      to: 'feedback@feedback.acme.example',
      subject: 'Fwd: Export is broken',
      messageId: '<fwd-1@acme.example>',
      date: new Date('2026-03-04T09:00:00Z'),
      text: gmailForward,
    });
    expect(draft).toMatchObject({
      source: 'email',
      sourceId: '<fwd-1@acme.example>',
      feedbackType: 'product',
      title: 'Export is broken',
      text: 'Hi, PDF export drops all images.\nThanks, Jane',
      customer: { contactEmail: 'jane@globex.example' },
      reporter: { email: 'pat@acme.example', name: 'Pat PM' },
      details: { from: 'Jane Customer <jane@globex.example>', forwardedBy: 'pat@acme.example', note: 'FYI, from the Globex call.', messageId: '<fwd-1@acme.example>' },
    });
    expect(draft.occurredAt?.getUTCDate()).toBe(3);
  });

  it('reads an Apple Mail forward of HTML only, keeping no markup', async () => {
    const draft = await draftOf({
      from: 'pat@acme.example',
      to: 'feedback@feedback.acme.example',
      subject: 'Fwd: Pricing',
      html: '<div>see below</div><div>Begin forwarded message:<br><br><b>From: </b>Jo &lt;jo@initech.example&gt;<br><b>Subject: </b>Pricing<br><b>Date: </b>3 March 2026 at 16:00:00 CET<br><br><p>Too <i>expensive</i> for 5 seats<script>alert(1)</script></p></div>',
    });
    expect(draft.customer.contactEmail).toBe('jo@initech.example');
    expect(draft.title).toBe('Pricing');
    expect(draft.text).toContain('Too expensive for 5 seats');
    expect(draft.text).not.toMatch(/<|alert/);
  });

  it('takes the original from a message/rfc822 attachment', async () => {
    const inner = await raw({ from: 'Jane <jane@globex.example>', to: 'support@acme.example', subject: 'Slow sync', messageId: '<orig-7@globex.example>', date: new Date('2026-03-01T08:00:00Z'), text: 'Sync takes an hour.' });
    const draft = await draftOf({
      from: 'pat@acme.example',
      to: 'feedback+case-logic@feedback.acme.example',
      subject: 'Fw: Slow sync',
      text: 'Attached.',
      attachments: [{ filename: 'original.eml', content: inner, contentType: 'message/rfc822' }],
    }, ['feedback+case-logic@feedback.acme.example']);
    expect(draft).toMatchObject({
      feedbackType: 'case-logic',
      title: 'Slow sync',
      text: 'Sync takes an hour.',
      customer: { contactEmail: 'jane@globex.example' },
      reporter: { email: 'pat@acme.example' },
      occurredAt: new Date('2026-03-01T08:00:00Z'),
      details: { note: 'Attached.' },
    });
  });

  it('takes a message sent straight to the address as its own original', async () => {
    const draft = await draftOf({ from: 'Jo <jo@initech.example>', to: 'hi@feedback.acme.example', subject: 'Love the new editor', messageId: '<d-1@initech.example>', text: 'Keep it up' });
    expect(draft).toMatchObject({ sourceId: '<d-1@initech.example>', title: 'Love the new editor', text: 'Keep it up', customer: { contactEmail: 'jo@initech.example' } });
    expect(draft.reporter).toBeUndefined();
  });

  it('refuses a message with no text', async () => {
    const message = await raw({ from: 'a@b.example', to: 'feedback@feedback.acme.example', subject: 'empty', text: ' ' });
    expect(emailDraft(await simpleParser(message), [], message, config)).toEqual({ kind: 'invalid', message: 'the message has no text' });
  });
});

describe('forwardedBlock', () => {
  it('reads an Outlook block with quoted lines and a mailto address', () => {
    const text = 'see\r\n\r\n-----Original Message-----\r\nFrom: "Doe, Jane" [mailto:jane@globex.example]\r\nSent: Tuesday, March 3, 2026 4:00 PM\r\nTo: Support\r\nSubject: RE: Export\r\n\r\n> It broke again\r\n> today\r\n';
    expect(forwardedBlock(text)).toEqual({
      note: 'see',
      original: { from: { address: 'jane@globex.example', name: 'Doe, Jane' }, subject: 'RE: Export', date: expect.any(Date), text: 'It broke again\ntoday' },
    });
  });

  it('is undefined for a body without a forward block', () => {
    expect(forwardedBlock('just a note\nFrom: me')).toBeUndefined();
  });
});

describe('parseAddress and safeText', () => {
  it.each([
    ['Jane <JANE@x.example>', { address: 'jane@x.example', name: 'Jane' }],
    ['jane@x.example', { address: 'jane@x.example' }],
    ['nobody', undefined],
  ])('%s', (value, expected) => expect(parseAddress(value)).toEqual(expected));

  it('drops control characters and collapses blank runs', () => {
    expect(safeText('a\u0000b\u200B\r\n\n\n\nc  \n')).toBe('ab\n\nc');
  });
});
