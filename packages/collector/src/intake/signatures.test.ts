import { describe, expect, it } from 'vitest';
import { githubSignature, heedSignature, slackSignature, verifyGithub, verifyHeed, verifySlack } from './signatures.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = Buffer.from('token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&payload=%7B%7D', 'utf8');
const now = new Date('2026-03-04T10:00:00Z');
const ts = String(now.getTime() / 1000);

describe('Slack v0 signatures', () => {
  it("matches Slack's documented example", () => {
    // From Slack's "Verifying requests from Slack" guide.
    const example = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature(secret, '1531420618', example)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });

  it('accepts a fresh, correct signature and refuses a wrong, stale or missing one', () => {
    const signature = slackSignature(secret, ts, body);
    expect(verifySlack(secret, { signature, timestamp: ts }, body, now)).toEqual({ ok: true });
    expect(verifySlack(secret, { signature: signature.toUpperCase().replace('V0=', 'v0='), timestamp: ts }, body, now)).toEqual({ ok: true });
    expect(verifySlack('another-secret-0123456', { signature, timestamp: ts }, body, now)).toMatchObject({ ok: false, reason: 'X-Slack-Signature does not verify' });
    expect(verifySlack(secret, { signature, timestamp: ts }, Buffer.concat([body, Buffer.from('x')]), now).ok).toBe(false);
    const stale = String(now.getTime() / 1000 - 301);
    expect(verifySlack(secret, { signature: slackSignature(secret, stale, body), timestamp: stale }, body, now)).toMatchObject({
      ok: false,
      reason: 'the request timestamp is more than 5 minutes from now',
    });
    expect(verifySlack(secret, { timestamp: ts }, body, now).ok).toBe(false);
    expect(verifySlack(secret, { signature }, body, now).ok).toBe(false);
  });
});

describe('GitHub signatures', () => {
  it("matches GitHub's documented example", () => {
    // From GitHub's "Validating webhook deliveries" guide.
    expect(githubSignature("It's a Secret to Everybody", 'Hello, World!')).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('accepts the right signature only', () => {
    expect(verifyGithub(secret, githubSignature(secret, body), body)).toEqual({ ok: true });
    expect(verifyGithub(secret, githubSignature('x'.repeat(20), body), body).ok).toBe(false);
    expect(verifyGithub(secret, 'sha1=abc', body)).toMatchObject({ ok: false, reason: 'X-Hub-Signature-256 is missing or malformed' });
    expect(verifyGithub(secret, undefined, body).ok).toBe(false);
  });
});

describe('Heed signatures', () => {
  const unix = now.getTime() / 1000;
  it('accepts a fresh signature, any one of several v1 values, and refuses a stale or wrong one', () => {
    expect(verifyHeed(secret, heedSignature(secret, body, unix), body, now)).toEqual({ ok: true });
    expect(verifyHeed(secret, `t=${unix},v1=${'0'.repeat(64)},${heedSignature(secret, body, unix).split(',')[1]}`, body, now)).toEqual({ ok: true });
    expect(verifyHeed(secret, heedSignature(secret, body, unix - 301), body, now)).toMatchObject({ ok: false, reason: 'the request timestamp is more than 5 minutes from now' });
    expect(verifyHeed(secret, heedSignature('y'.repeat(20), body, unix), body, now)).toMatchObject({ ok: false, reason: 'Heed-Signature does not verify' });
    expect(verifyHeed(secret, 'v1=abc', body, now).ok).toBe(false);
  });
});
