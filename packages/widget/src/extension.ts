/**
 * For browser extensions: the URL to pass to `chrome.runtime.setUninstallURL()`, which opens the
 * collector's hosted exit survey with the install's context. Chrome refuses URLs over 1023 characters,
 * so the longest values are shortened first until it fits.
 */

/** Chrome's limit for `setUninstallURL`. */
export const MAX_UNINSTALL_URL_LENGTH = 1023;

export interface UninstallUrlOptions {
  /** Collector base URL, e.g. `https://feedback.example.com`. */
  endpoint: string;
  /** Survey id, e.g. `extension-exit`. */
  survey: string;
  installId?: string;
  /** The extension's version (`chrome.runtime.getManifest().version`). */
  version?: string;
  /** UI language (`chrome.i18n.getUILanguage()`). */
  locale?: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Characters of `value`, whole code points, never split; anything past the limit could never fit. */
function codePoints(value: string): string[] {
  return Array.from(value.slice(0, MAX_UNINSTALL_URL_LENGTH * 2).replace(LONE_SURROGATE, '\uFFFD'));
}

export function uninstallUrl({ endpoint, survey, installId, version, locale }: UninstallUrlOptions): string {
  const base = `${endpoint.replace(/\/+$/, '')}/s/${encodeURIComponent(survey)}`;
  if (base.length > MAX_UNINSTALL_URL_LENGTH - 1) {
    throw new RangeError(`The survey URL "${base}" alone is longer than ${MAX_UNINSTALL_URL_LENGTH} characters`);
  }
  const params = Object.entries({ installId, version, locale })
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([name, value]) => ({ name, chars: codePoints(value) }));
  const encoded = (chars: string[]) => encodeURIComponent(chars.join(''));
  const url = () => {
    const query = params.filter((param) => param.chars.length).map((param) => `${param.name}=${encoded(param.chars)}`);
    return query.length ? `${base}?${query.join('&')}` : base;
  };

  let result = url();
  while (result.length > MAX_UNINSTALL_URL_LENGTH) {
    // Shorten the longest value by one character, or by a tenth when it is far too long.
    const longest = params.reduce((a, b) => (encoded(b.chars).length > encoded(a.chars).length ? b : a));
    const excess = result.length - MAX_UNINSTALL_URL_LENGTH;
    longest.chars.length -= Math.max(1, Math.min(Math.floor(excess / 9), Math.ceil(longest.chars.length / 10)));
    result = url();
  }
  return result;
}
