import { describe, expect, it } from 'vitest';
import { bearerMatches, requireAdminToken } from './admin-auth.ts';
import { buildApp } from './app.ts';
import { buildTestApp } from './test-support.ts';

describe('bearerMatches', () => {
  it('accepts exactly the configured token', () => {
    expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('Bearer s3cret-token-2', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer s3cret', 's3cret-token')).toBe(false);
    expect(bearerMatches('Basic s3cret-token', 's3cret-token')).toBe(false);
    expect(bearerMatches(undefined, 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer ', 's3cret-token')).toBe(false);
  });
});

describe('requireAdminToken', () => {
  const request = (authorization?: string) => ({ headers: { authorization } }) as never;
  it('says the admin API is off when no token is configured', async () => {
    await expect(requireAdminToken(undefined).call(undefined as never, request('Bearer x'), undefined as never)).rejects.toMatchObject({
      code: 'HEED_ERR_ADMIN_DISABLED',
      statusCode: 401,
    });
  });
  it('refuses a wrong token', async () => {
    await expect(requireAdminToken('right-token-0123456789').call(undefined as never, request('Bearer wrong'), undefined as never)).rejects.toMatchObject({
      code: 'HEED_ERR_UNAUTHORIZED',
    });
  });
});

describe('a configured admin token', () => {
  it('must be long enough to withstand guessing, or the app does not start', async () => {
    expect(() => requireAdminToken('0123456789abcde')).toThrow('HEED_ADMIN_TOKEN must be at least 16 characters');
    expect(() => requireAdminToken('0123456789abcdef')).not.toThrow();
    const started = await buildTestApp();
    try {
      await expect(buildApp({ config: started.app.heedConfig, store: started.store, outbox: false, digest: false, adminToken: 'admin' })).rejects.toThrow(
        'HEED_ADMIN_TOKEN must be at least 16 characters',
      );
    } finally {
      await started.close();
    }
  });
});
