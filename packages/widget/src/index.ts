/** The widget for bundlers: the same API as `window.heed`, with the UI split into a lazy chunk by your bundler. */
import type { Heed, HeedInit } from './api.ts';
import { createHeed as createCore } from './create-heed.ts';

export type { Heed, HeedInit, HeedUser, ShowOptions, ShowResult } from './api.ts';

/** A Heed instance; `init` is called with `options` when given. `endpoint` defaults to the page's origin. */
export function createHeed(options?: HeedInit): Heed {
  const heed = createCore({
    loadUi: (locale) => {
      if (locale != null) import('./ui/strings/index.ts').then(({ loadStrings, pageLocale }) => loadStrings(pageLocale(locale))).catch(() => undefined);
      return import('./ui-chunk.ts');
    },
  });
  if (options) heed.init(options);
  return heed;
}
