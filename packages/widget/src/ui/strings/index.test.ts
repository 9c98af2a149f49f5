import { describe, expect, it } from 'vitest';
import { loadStrings, resolveLocale } from './index.ts';

describe('resolveLocale', () => {
  it('takes the first supported language among the candidates', () => {
    expect(resolveLocale([undefined, null, 'xx', 'pt-BR', 'de'])).toBe('pt');
    expect(resolveLocale(['JA_jp'])).toBe('ja');
    expect(resolveLocale(['ar'])).toBe('ar');
  });
  it('falls back to English', () => {
    expect(resolveLocale([])).toBe('en');
    expect(resolveLocale(['zh-CN', ''])).toBe('en');
  });
});

describe('loadStrings', () => {
  it('loads every language, right to left only for Arabic', async () => {
    for (const locale of ['en', 'de', 'fr', 'es', 'pt', 'ja', 'ar'] as const) {
      const strings = await loadStrings(locale);
      expect(strings.dir).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      expect(Object.values(strings).every((value) => value !== '')).toBe(true);
    }
    expect((await loadStrings('de')).submit).toBe('Senden');
  });
});
