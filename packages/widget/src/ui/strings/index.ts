/**
 * UI strings per language, and which language to use. Every language, English included, is a chunk of
 * its own, so a page fetches the strings it shows and no others.
 */
import type { NpsCategory } from '@heed/shared/nps';
import type { Locale } from '../../locale.ts';

export { type Locale, pageLocale, resolveLocale } from '../../locale.ts';

/**
 * One language's strings. Their ids are snake_case, a form nothing else in the widget uses, so the
 * production build can rename exactly these keys (see vite.config.ts).
 */
export interface Strings {
  dir: 'ltr' | 'rtl';
  nps_question: string;
  /** Anchors of the 0-10 scale, lower case: they follow the number ("0 — not at all likely"). */
  not_likely: string;
  very_likely: string;
  /** The follow-up question asked after a score in each NPS category. */
  follow_up: Record<NpsCategory, string>;
  csat_question: string;
  /** The CSAT choices' labels, from 1 (very unsatisfied) to 5 (very satisfied). */
  csat_labels: [string, string, string, string, string];
  /** The comment asked once a CSAT score is chosen. */
  csat_follow_up: string;
  comment_label: string;
  cancel_question: string;
  uninstall_title: string;
  uninstall_question: string;
  reason_or_comment: string;
  submit_button: string;
  later_button: string;
  close_button: string;
  skip_button: string;
  /** In place of the thank-you when the collector refused the answer. */
  not_sent: string;
  thank_you: string;
}

const languages: Record<Locale, () => Promise<{ default: Strings }>> = {
  en: () => import('./en.ts'),
  de: () => import('./de.ts'),
  fr: () => import('./fr.ts'),
  es: () => import('./es.ts'),
  pt: () => import('./pt.ts'),
  ja: () => import('./ja.ts'),
  ar: () => import('./ar.ts'),
};

/** The strings of `locale`, English if they cannot be loaded; rejects if English cannot be either. */
export async function loadStrings(locale: Locale): Promise<Strings> {
  return (await languages[locale]().catch(languages.en)).default;
}
