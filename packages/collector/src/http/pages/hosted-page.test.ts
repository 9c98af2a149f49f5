import { describe, expect, it } from 'vitest';
import { textDirection } from './hosted-page.ts';

describe('textDirection', () => {
  it('is rtl for right-to-left languages, ltr otherwise', () => {
    expect(['ar', 'ar-EG', 'he', 'fa-IR', 'ur'].map(textDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'pt-BR', 'zh-Hant-TW', 'ja'].map(textDirection)).toEqual(['ltr', 'ltr', 'ltr', 'ltr']);
  });
  it('falls back to ltr for a tag the runtime cannot read', () => {
    expect(textDirection('x-invalid-')).toBe('ltr');
  });
});
