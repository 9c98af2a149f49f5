import { afterEach, describe, expect, it } from 'vitest';
import type { Owner } from '@heed/shared';
import { startSmtp, testAlert, testConfig, testResponse } from '../domain/test-support.ts';
import { classifySmtpError, emailMessage, sendEmail, type Mailer } from './email.ts';
import { createMailer } from './smtp-mailer.ts';

const owner: Owner = { id: 'pm-editor', name: 'Editor PM', email: 'editor-pm@example.com' };

describe('emailMessage', () => {
  it('escapes the comment in HTML and keeps it verbatim in text', () => {
    const message = emailMessage(testResponse(), owner, testConfig());
    expect(message.subject).toBe('🔴 NPS 3 · detractor (app-nps)');
    expect(message.text).toContain('The editor <b>freezes</b> & loses my work');
    expect(message.html).toContain('The editor &lt;b&gt;freezes&lt;/b&gt; &amp; loses my work');
    expect(message.html).not.toContain('<b>freezes');
    expect(message.html).toContain('<a href="https://heed.example.com/console/responses/');
    expect(message.text).toContain('Account: acct_9');
  });
  it('escapes every respondent field and the owner name in HTML, and keeps the subject on one line', () => {
    const hostile = '"><img src=x onerror=alert(1)>\r\nBcc: victim@example.com';
    const message = emailMessage(
      testResponse({
        answers: { score: 1, comment: hostile },
        respondent: { userId: hostile, accountId: hostile },
        context: { url: `javascript:${hostile}`, locale: 'en', extensionVersion: hostile },
      }),
      { ...owner, name: hostile },
      testConfig(),
    );
    expect(message.html).not.toMatch(/<img|"><|href="javascript/);
    expect(message.html.match(/&lt;img src=x onerror=alert\(1\)&gt;/g)).toHaveLength(6);
    expect(message.subject).not.toMatch(/[\r\n]/);
  });
});

describe('sendEmail over SMTP', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  function mailer(url: string): Mailer {
    const created = createMailer(url, 'Heed <heed@example.com>', 2000);
    closers.push(async () => created.transporter.close());
    return created;
  }

  it('keeps line breaks in the subject from adding headers or recipients', async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    const config = testConfig();
    const cancel = config.surveys.find((survey) => survey.id === 'portal-cancel');
    if (cancel?.kind !== 'cancel') throw new Error('test config has no cancel survey');
    cancel.reasons[0] = { id: 'too-expensive', label: 'Too expensive\r\nBcc: intruder@example.com\r\nX-Injected: yes' };
    const response = testResponse({ surveyId: 'portal-cancel', kind: 'cancel', category: undefined, answers: { reason: 'too-expensive' } });

    expect(await sendEmail(testAlert({ channel: 'email' }), response, owner, config, mailer(smtp.url))).toEqual({ status: 'delivered' });

    const [mail] = smtp.mails;
    expect(mail?.to).toEqual(['editor-pm@example.com']);
    const head = mail?.raw.split('\r\n\r\n')[0] ?? '';
    expect(head).not.toMatch(/^(Bcc|X-Injected):/im);
  });

  it('delivers a multipart message to the owner', async () => {
    const smtp = await startSmtp();
    closers.push(smtp.close);
    const alert = testAlert({ channel: 'email' });

    const outcome = await sendEmail(alert, testResponse(), owner, testConfig(), mailer(smtp.url));

    expect(outcome).toEqual({ status: 'delivered' });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.from).toBe('heed@example.com');
    expect(mail?.to).toEqual(['editor-pm@example.com']);
    expect(mail?.raw).toContain(`Message-ID: <${alert._id}@heed>`);
    expect(mail?.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail?.raw).toMatch(/Content-Type: text\/html/);
  });

  it('fails on a permanent refusal and retries on a transient one', async () => {
    const refusing = await startSmtp({ code: 550, message: 'mailbox unavailable' });
    const busy = await startSmtp({ code: 451, message: 'try again later' });
    closers.push(refusing.close, busy.close);

    const refused = await sendEmail(testAlert(), testResponse(), owner, testConfig(), mailer(refusing.url));
    const deferred = await sendEmail(testAlert(), testResponse(), owner, testConfig(), mailer(busy.url));

    expect(refused).toMatchObject({ status: 'fail', error: expect.stringContaining('mailbox unavailable') });
    expect(deferred).toMatchObject({ status: 'retry', error: expect.stringContaining('try again later') });
  });

  it('retries when the server is down', async () => {
    const smtp = await startSmtp();
    await smtp.close();
    const outcome = await sendEmail(testAlert(), testResponse(), owner, testConfig(), mailer(smtp.url));
    expect(outcome.status).toBe('retry');
  });

  it('fails for an owner without an address', async () => {
    const outcome = await sendEmail(testAlert(), testResponse(), { id: 'pm-x', name: 'X' }, testConfig(), mailer('smtp://127.0.0.1:1'));
    expect(outcome.status).toBe('fail');
  });
});

describe('classifySmtpError', () => {
  it('treats connection errors as transient', () => {
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })).status).toBe('retry');
    expect(classifySmtpError(Object.assign(new Error('no recipients'), { code: 'EENVELOPE' })).status).toBe('fail');
  });
});
