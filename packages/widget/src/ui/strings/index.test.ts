import { afterEach, describe, expect, it, vi } from 'vitest';
import en from './en.ts';
import { loadStrings, resolveLocale } from './index.ts';

const LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'ja', 'ar'] as const;

/** Every key path of `value` with the type found there. */
function shape(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' ? shape(inner, `${prefix}${key}.`) : [`${prefix}${key}: ${typeof inner}`],
  );
}

describe('resolveLocale', () => {
  it('takes the first supported language among the candidates', () => {
    expect(resolveLocale([undefined, null, 'xx', 'pt-BR', 'de'])).toBe('pt');
    expect(resolveLocale(['JA_jp'])).toBe('ja');
    expect(resolveLocale(['ar'])).toBe('ar');
  });
  it('falls back to English', () => {
    expect(resolveLocale([])).toBe('en');
    expect(resolveLocale(['zh-CN', ''])).toBe('en');
    expect(resolveLocale(['constructor'])).toBe('en');
  });
});

describe('loadStrings', () => {
  afterEach(() => {
    vi.doUnmock('./ja.ts');
    vi.resetModules();
  });

  it('loads every language with every string, right to left only for Arabic', async () => {
    for (const locale of LOCALES) {
      const strings = await loadStrings(locale);
      expect(strings.dir, locale).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      expect(shape(strings), locale).toEqual(shape(en));
      expect(JSON.stringify(strings), locale).not.toContain('""');
    }
    expect((await loadStrings('de')).submit_button).toBe('Senden');
  });

  it('falls back to English when a language cannot be loaded', async () => {
    vi.doMock('./ja.ts', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    vi.resetModules();
    const { loadStrings: load } = await import('./index.ts');
    expect(await load('ja')).toEqual(en);
  });
});
