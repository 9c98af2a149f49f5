import { describe, expect, it } from 'vitest';
import { MAX_UNINSTALL_URL_LENGTH, uninstallUrl } from './extension.ts';

const endpoint = 'https://feedback.example.com';

describe('uninstallUrl', () => {
  it('points at the hosted survey with the install context', () => {
    const url = uninstallUrl({ endpoint: `${endpoint}/`, survey: 'extension-exit', installId: 'i-1', version: '1.2.3', locale: 'de-AT' });
    expect(url).toBe(`${endpoint}/s/extension-exit?installId=i-1&version=1.2.3&locale=de-AT`);
  });

  it('leaves out what it is not given and encodes what it is', () => {
    expect(uninstallUrl({ endpoint, survey: 'extension-exit' })).toBe(`${endpoint}/s/extension-exit`);
    const url = new URL(uninstallUrl({ endpoint, survey: 'extension-exit', installId: 'a&b=c d/é' }));
    expect(url.searchParams.get('installId')).toBe('a&b=c d/é');
  });

  it('stays within 1023 characters, shortening the longest value first, and keeps a valid URL', () => {
    const installId = 'x'.repeat(5000);
    const url = uninstallUrl({ endpoint, survey: 'extension-exit', installId, version: '1.2.3', locale: 'fr' });
    expect(url.length).toBeLessThanOrEqual(MAX_UNINSTALL_URL_LENGTH);
    expect(url.length).toBeGreaterThan(MAX_UNINSTALL_URL_LENGTH - 10);
    const params = new URL(url).searchParams;
    expect(params.get('version')).toBe('1.2.3');
    expect(params.get('locale')).toBe('fr');
    expect(installId.startsWith(params.get('installId')!)).toBe(true);
  });

  it('shares the room between several huge values and keeps whole characters', () => {
    const installId = `a${'😀'.repeat(100_000)}`;
    const version = 'é'.repeat(300_000);
    const locale = 'z'.repeat(1_000_000);
    const url = uninstallUrl({ endpoint, survey: 'extension-exit', installId, version, locale });
    expect(url.length).toBeLessThanOrEqual(MAX_UNINSTALL_URL_LENGTH);
    const params = new URL(url).searchParams;
    for (const [name, original] of [['installId', installId], ['version', version], ['locale', locale]] as const) {
      const kept = params.get(name)!;
      expect(kept.length).toBeGreaterThan(0);
      expect(original.startsWith(kept)).toBe(true);
    }
    expect(params.get('installId')).not.toContain('\uFFFD');
  });

  it('replaces lone surrogates instead of throwing', () => {
    const url = uninstallUrl({ endpoint, survey: 'extension-exit', installId: `a\uD800b` });
    expect(new URL(url).searchParams.get('installId')).toBe('a\uFFFDb');
  });

  it('refuses an endpoint that alone is too long', () => {
    expect(() => uninstallUrl({ endpoint: `https://${'a'.repeat(1100)}.example.com`, survey: 'extension-exit' })).toThrow(RangeError);
  });
});
