/**
 * Checking that a delivery comes from who it says, on the exact raw body: Slack's v0 request signature,
 * GitHub's `X-Hub-Signature-256`, and Heed's own `Heed-Signature` (what case webhooks send). Comparisons are
 * in constant time; timestamped schemes refuse a delivery more than five minutes from `now`, which bounds
 * replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type Verdict = { ok: true } | { ok: false; reason: string };

const ok: Verdict = { ok: true };
const refuse = (reason: string): Verdict => ({ ok: false, reason });

function hmacHex(secret: string, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function fresh(timestamp: string | undefined, now: Date): Verdict {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return refuse('the request timestamp is missing or not a number');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    return refuse('the request timestamp is more than 5 minutes from now');
  }
  return ok;
}

/** `X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:" + X-Slack-Request-Timestamp + ":" + body))`. */
export function slackSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return `v0=${hmacHex(secret, `v0:${timestamp}:`, body)}`;
}

export function verifySlack(secret: string, headers: { signature?: string; timestamp?: string }, body: Buffer, now: Date): Verdict {
  const time = fresh(headers.timestamp, now);
  if (!time.ok) return time;
  const given = /^v0=([0-9a-f]{64})$/i.exec(headers.signature ?? '')?.[1];
  if (given === undefined) return refuse('X-Slack-Signature is missing or malformed');
  return sameHex(given, hmacHex(secret, `v0:${headers.timestamp}:`, body)) ? ok : refuse('X-Slack-Signature does not verify');
}

/** `X-Hub-Signature-256: sha256=hex(HMAC-SHA256(secret, body))`. */
export function githubSignature(secret: string, body: Buffer | string): string {
  return `sha256=${hmacHex(secret, body)}`;
}

export function verifyGithub(secret: string, header: string | undefined, body: Buffer): Verdict {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '')?.[1];
  if (given === undefined) return refuse('X-Hub-Signature-256 is missing or malformed');
  return sameHex(given, hmacHex(secret, body)) ? ok : refuse('X-Hub-Signature-256 does not verify');
}

/** `Heed-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, as Heed's own webhooks sign. */
export function heedSignature(secret: string, body: Buffer | string, unixTime: number): string {
  return `t=${unixTime},v1=${hmacHex(secret, `${unixTime}.`, body)}`;
}

export function verifyHeed(secret: string, header: string | undefined, body: Buffer, now: Date): Verdict {
  const parts = (header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key, value]) => key === 'v1' && value !== undefined).map(([, value]) => value as string);
  if (t === undefined || signatures.length === 0) return refuse('Heed-Signature is missing or malformed (expected "t=<unix>,v1=<hex>")');
  const time = fresh(t, now);
  if (!time.ok) return time;
  const expected = hmacHex(secret, `${t}.`, body);
  return signatures.some((given) => sameHex(given, expected)) ? ok : refuse('Heed-Signature does not verify');
}

/**
 * Zendesk's webhook signature: `X-Zendesk-Webhook-Signature: base64(HMAC-SHA256(secret, timestamp + body))`
 * with `X-Zendesk-Webhook-Signature-Timestamp` (ISO 8601), so a Zendesk webhook can post without a relay.
 */
export function zendeskSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(timestamp).update(body).digest('base64');
}

export function verifyZendesk(secret: string, headers: { signature?: string; timestamp?: string }, body: Buffer, now: Date): Verdict {
  const at = headers.timestamp === undefined ? Number.NaN : Date.parse(headers.timestamp);
  if (Number.isNaN(at)) return refuse('X-Zendesk-Webhook-Signature-Timestamp is missing or not a time');
  if (Math.abs(now.getTime() - at) > SIGNATURE_TOLERANCE_SECONDS * 1000) return refuse('the request timestamp is more than 5 minutes from now');
  const given = Buffer.from(headers.signature ?? '', 'utf8');
  const expected = Buffer.from(zendeskSignature(secret, headers.timestamp as string, body), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? ok : refuse('X-Zendesk-Webhook-Signature does not verify');
}
