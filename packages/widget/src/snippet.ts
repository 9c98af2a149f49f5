/**
 * The snippet's stub, exactly as README.md gives it for host pages: it queues calls made before heed.js
 * arrives, and fails open on its own: a `show()` still queued once its `timeoutMs` (default 3000 ms)
 * has passed is taken out of the queue and resolves `unavailable`, so a host flow that awaits it goes
 * on when heed.js is blocked, refused or hanging. Tests put this very text in their pages.
 */
export const SNIPPET_STUB = `window.heed = window.heed || (function (h) {
  ['init', 'identify', 'track', 'show'].forEach(function (m) {
    h[m] = function () {
      var a = arguments;
      return new Promise(function (r) {
        var t = (a[1] && a[1].timeoutMs) || 3000, c = [m, a, r, Date.now() + t];
        h.q.push(c);
        if (m == 'show') setTimeout(function () {
          var i = h.q.indexOf(c);
          if (i > -1) { h.q.splice(i, 1); r({ status: 'unavailable' }); }
        }, t);
      });
    };
  });
  return h;
})({ q: [] });`;
