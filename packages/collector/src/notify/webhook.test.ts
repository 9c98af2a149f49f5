import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Owner } from '@heed/shared';
import { startReceiver, testAlert, testConfig, testResponse, type Receiver } from '../domain/test-support.ts';
import { httpPost } from './http-post.ts';
import { sendWebhook, signWebhook, verifyWebhookSignature, webhookBody } from './webhook.ts';

const secret = 'whsec-0123456789abcdef';
const now = new Date('2026-03-04T10:00:00Z');
const unix = now.getTime() / 1000;

describe('signWebhook / verifyWebhookSignature', () => {
  const body = '{"type":"response.routed"}';

  it('signs t + "." + body with HMAC-SHA256', () => {
    const expected = createHmac('sha256', secret).update(`${unix}.${body}`).digest('hex');
    expect(signWebhook(secret, body, unix)).toBe(`t=${unix},v1=${expected}`);
  });

  it('accepts its own signature within the tolerance', () => {
    const header = signWebhook(secret, body, unix);
    expect(verifyWebhookSignature(secret, body, header, now)).toBe(true);
    expect(verifyWebhookSignature(secret, body, header, new Date(now.getTime() + 299_000))).toBe(true);
  });

  it('rejects a changed body, another secret, a stale or future timestamp and junk', () => {
    const header = signWebhook(secret, body, unix);
    expect(verifyWebhookSignature(secret, `${body} `, header, now)).toBe(false);
    expect(verifyWebhookSignature('another-secret-0123456789', body, header, now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, new Date(now.getTime() - 301_000))).toBe(false);
    expect(verifyWebhookSignature(secret, body, header.replace(/t=\d+/, `t=${unix + 1}`), now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, '', now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, `t=${unix}`, now)).toBe(false);
    expect(verifyWebhookSignature(secret, body, `t=${unix},v1=abc`, now)).toBe(false);
  });

  it('accepts any matching v1 among several (secret rotation)', () => {
    const good = signWebhook(secret, body, unix).split(',')[1];
    expect(verifyWebhookSignature(secret, body, `t=${unix},v1=${'0'.repeat(64)},${good}`, now)).toBe(true);
  });
});

describe('sendWebhook', () => {
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  const alert = testAlert();

  it('posts the signed body with the delivery id', async () => {
    receiver = await startReceiver();
    const owner: Owner = { id: 'pm-editor', name: 'Editor PM', webhookUrl: `${receiver.url}/in`, webhookSecret: secret };
    const response = testResponse();

    expect(await sendWebhook(alert, response, owner, testConfig(), httpPost, { now })).toEqual({ status: 'delivered' });

    const [request] = receiver.requests;
    expect(request?.headers['heed-delivery-id']).toBe(alert._id);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(verifyWebhookSignature(secret, request?.body ?? '', String(request?.headers['heed-signature']), now)).toBe(true);
    expect(request?.body).toBe(webhookBody(alert, response, owner));
    expect(JSON.parse(request?.body ?? '')).toEqual({
      type: 'response.routed',
      id: alert._id,
      response: expect.objectContaining({
        id: response._id,
        surveyId: 'app-nps',
        answers: response.answers,
        receivedAt: '2026-03-04T10:00:00.000Z',
      }),
      owner: { id: 'pm-editor', name: 'Editor PM' },
      reasons: ['route:0'],
    });
  });

  it('fails without a URL to post to', async () => {
    const outcome = await sendWebhook(alert, testResponse(), { id: 'pm-x', name: 'X' }, testConfig(), httpPost);
    expect(outcome.status).toBe('fail');
  });
});
