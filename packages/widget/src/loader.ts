/**
 * heed.js, the only script a host page loads up front: a classic script with no Preact. It reads its
 * own tag, replaces the `window.heed` stub, and loads the UI chunk (next to itself) only when a survey
 * is due. Install it with the stub, so calls made before it arrives are queued, not lost:
 *
 *   <script>
 *     window.heed = window.heed || (function (h) {
 *       ['init', 'identify', 'track', 'show'].forEach(function (m) {
 *         h[m] = function () { var a = arguments; return new Promise(function (r) { h.q.push([m, a, r]); }); };
 *       });
 *       return h;
 *     })({ q: [] });
 *   </script>
 *   <script async src="https://collector.example.com/widget/heed.js" data-project="pk_demo"
 *           data-user-id="u_1" data-account-id="a_1" data-plan="saas" data-locale="de"></script>
 *
 * `data-endpoint` overrides the collector URL, which defaults to this script's origin. Without
 * `data-project`, call `heed.init({ project, ... })` yourself.
 */
import type { Plan } from '@heed/shared';
import type { Heed } from './api.ts';
import { createHeed } from './create-heed.ts';

type QueuedCall = [method: keyof Heed, args: unknown[], resolve?: (value: unknown) => void];

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
    loadUi: () => import(/* @vite-ignore */ new URL(__HEED_UI_CHUNK__, src).href),
    endpoint: new URL(src).origin,
  });
  window.heed = heed;
  const { project, endpoint, userId, accountId, plan, locale } = script?.dataset ?? {};
  if (project) heed.init({ project, endpoint, locale, user: { userId, accountId, plan: plan as Plan | undefined } });
  for (const [method, args, resolve] of stub?.q ?? []) resolve?.((heed[method] as (...a: unknown[]) => unknown)(...args));
}
