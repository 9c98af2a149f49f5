/**
 * The widget's languages and which one a page gets. Tiny and free of Preact: heed.js resolves the language
 * too, to fetch its strings alongside the UI chunk rather than after it.
 */
export const LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'ja', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

/** The first candidate (BCP 47 tag) whose language is supported, else English. */
export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0] as Locale;
    if (LOCALES.includes(language)) return language;
  }
  return 'en';
}

/** The language of a survey on this page: `init`'s locale, else the URL's `?locale=`, `<html lang>`, the browser's. */
export function pageLocale(explicit?: string): Locale {
  return resolveLocale([explicit, new URLSearchParams(location.search).get('locale'), document.documentElement.lang, navigator.language]);
}
