/**
 * The "tell them" message per language: a subject and a plain-text body naming the issue that shipped and
 * its link, and the same body as HTML with everything from the item and the issue escaped. English is the
 * fallback for a language without a template.
 */
export interface TellThemFacts {
  issueTitle: string;
  issueUrl: string;
  /** What the customer said, quoted short. */
  feedback: string;
  /** The customer's account name, when known. */
  accountName?: string;
  /** Who sends it: the product or company name (the config's first project). */
  from: string;
}

interface Template {
  subject: (facts: TellThemFacts) => string;
  lines: (facts: TellThemFacts) => string[];
}

const TEMPLATES: Record<string, Template> = {
  en: {
    subject: ({ issueTitle }) => `Shipped: ${issueTitle}`,
    lines: ({ issueTitle, issueUrl, feedback, accountName, from }) => [
      accountName ? `Hello ${accountName} team,` : 'Hello,',
      '',
      `you asked us about this: "${feedback}"`,
      '',
      `We have now done it: ${issueTitle}`,
      issueUrl,
      '',
      'Thank you for telling us. Just reply if something is still missing.',
      '',
      from,
    ],
  },
  de: {
    subject: ({ issueTitle }) => `Erledigt: ${issueTitle}`,
    lines: ({ issueTitle, issueUrl, feedback, accountName, from }) => [
      accountName ? `Hallo ${accountName}-Team,` : 'Hallo,',
      '',
      `Sie hatten uns darauf angesprochen: „${feedback}“`,
      '',
      `Das ist jetzt umgesetzt: ${issueTitle}`,
      issueUrl,
      '',
      'Danke für Ihren Hinweis. Antworten Sie einfach, wenn noch etwas fehlt.',
      '',
      from,
    ],
  },
};

export const TELL_THEM_LOCALES = Object.keys(TEMPLATES);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One line, no control characters: a subject cannot carry a header of its own. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** The template language for `locale` (`de-AT` -> `de`), English when there is none. */
export function templateLocale(locale: string): string {
  const primary = locale.toLowerCase().split('-')[0] ?? 'en';
  return primary in TEMPLATES ? primary : 'en';
}

export function renderTellThem(locale: string, facts: TellThemFacts): { locale: string; subject: string; text: string; html: string } {
  const chosen = templateLocale(locale);
  const template = TEMPLATES[chosen]!;
  const safe = { ...facts, issueTitle: oneLine(facts.issueTitle), feedback: oneLine(facts.feedback) };
  const lines = template.lines(safe);
  const html = lines
    .map((line) => (line === safe.issueUrl ? `<p><a href="${escapeHtml(safe.issueUrl)}">${escapeHtml(safe.issueUrl)}</a></p>` : line === '' ? '' : `<p>${escapeHtml(line)}</p>`))
    .filter(Boolean)
    .join('\n');
  return { locale: chosen, subject: oneLine(template.subject(safe)).slice(0, 200), text: lines.join('\n'), html };
}
