/** UI strings per language, and which language to use. English ships with the UI; others load on demand. */
import type { NpsCategory } from '@heed/shared/nps';
import { strings as en } from './en.ts';

export interface Strings {
  dir: 'ltr' | 'rtl';
  npsQuestion: string;
  /** Anchors of the 0-10 scale, lower case: they follow the number ("0 — not at all likely"). */
  notLikely: string;
  veryLikely: string;
  followUp: Record<NpsCategory, string>;
  commentLabel: string;
  cancelQuestion: string;
  uninstallTitle: string;
  uninstallQuestion: string;
  reasonRequired: string;
  reasonOrComment: string;
  submit: string;
  later: string;
  close: string;
  skip: string;
  thanks: string;
}

const others = {
  de: () => import('./de.ts'),
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
  pt: () => import('./pt.ts'),
  ja: () => import('./ja.ts'),
  ar: () => import('./ar.ts'),
};

export type Locale = 'en' | keyof typeof others;

/** The first candidate (BCP 47 tag) whose language is supported, else English. */
export function resolveLocale(candidates: ReadonlyArray<string | null | undefined>): Locale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (language === 'en' || (language && language in others)) return language as Locale;
  }
  return 'en';
}

/** The strings of `locale`; English if they cannot be loaded. */
export async function loadStrings(locale: Locale): Promise<Strings> {
  if (locale === 'en') return en;
  return others[locale]().then(
    (module) => module.strings,
    () => en,
  );
}
