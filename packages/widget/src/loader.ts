/**
 * heed.js, the only script a host page loads up front: a classic script with no Preact. It reads its
 * own tag, replaces the `window.heed` stub, and loads the UI chunk (next to itself) only when a survey
 * is due. Install it with the stub, so calls made before it arrives are queued, not lost:
 *
 *   <script>(the stub in snippet.ts, as README.md gives it)</script>
 *   <script async src="https://collector.example.com/widget/heed.js" data-project="pk_demo"
 *           data-user-id="u_1" data-account-id="a_1" data-plan="saas" data-locale="de"></script>
 *
 * `data-endpoint` overrides the collector URL, which defaults to this script's origin. Without
 * `data-project`, call `heed.init({ project, ... })` yourself.
 *
 * The stub queues each call with its deadline (`timeoutMs`, default 3000 ms, from the call), resolves a
 * `show()` as `unavailable` once that passes without heed.js and takes it out of the queue; heed.js runs
 * what is left, each `show()` with what remains of its timeout.
 */
import type { Plan } from '@heed/shared';
import type { Heed, ShowOptions } from './api.ts';
import { createHeed } from './create-heed.ts';
import { pageLocale } from './locale.ts';

/** A call the stub queued, with its deadline (which older stubs did not give). */
type QueuedCall = [method: keyof Heed, args: unknown[], resolve?: (value: unknown) => void, deadline?: number];

declare global {
  interface Window {
    heed?: Heed | { q?: QueuedCall[] };
  }
}

const script = document.currentScript as HTMLScriptElement | null;
const src = script?.src || location.href;
const stub = window.heed as { q?: QueuedCall[] } | undefined;

// A second copy of heed.js leaves the first one in charge.
if (!stub || stub.q) {
  const heed = createHeed({
    loadUi: (locale) => {
      // Fetched alongside; a failure shows when the UI chunk imports the same module (and falls back to English).
      if (locale != null) import(/* @vite-ignore */ new URL(`${pageLocale(locale)}-${__HEED_STRINGS__}.js`, src).href).catch(() => undefined);
      return import(/* @vite-ignore */ new URL(__HEED_UI_CHUNK__, src).href);
    },
    endpoint: new URL(src).origin,
  });
  window.heed = heed;
  const { project, endpoint, userId, accountId, plan, locale } = script?.dataset ?? {};
  if (project) heed.init({ project, endpoint, locale, user: { userId, accountId, plan: plan as Plan | undefined } });
  // Emptied, so the stub's timer finds a call heed.js took as no longer its own.
  for (const [method, args, resolve, deadline] of stub?.q?.splice(0) ?? []) {
    // What is left of a show()'s timeout; the other methods take one argument and ignore a second.
    if (deadline) args[1] = { ...(args[1] as ShowOptions), timeoutMs: deadline - Date.now() };
    resolve?.((heed[method] as (...a: unknown[]) => unknown)(...args));
  }
}
