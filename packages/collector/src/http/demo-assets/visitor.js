// The demo's visitor: each browser gets its own user id (kept in localStorage), so every newcomer sees the
// NPS prompt, not only the first. This classic script runs before the page goes on and adds the customer's
// snippet with that id; a separate file, since the demo pages allow no inline script. `?reset` forgets the
// id and what the widget remembers of this browser, so the prompt comes back.
(function () {
  var KEY = 'heed.demo.visitor';
  var store = null;
  try {
    store = window.localStorage;
  } catch (blocked) {
    // Storage off: a fresh id for each page view.
  }
  var params = new URLSearchParams(location.search);
  if (params.has('reset')) {
    try {
      for (var i = store ? store.length - 1 : -1; i >= 0; i -= 1) {
        var key = store.key(i);
        // The widget's memory of what it showed, and its anonymous id; answers still queued stay.
        if (key === KEY || key === 'heed:aid' || (key && key.indexOf('heed:seen:') === 0)) store.removeItem(key);
      }
    } catch (blocked) {}
    params.delete('reset');
    var rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
  }
  var id = null;
  try {
    id = store && store.getItem(KEY);
  } catch (blocked) {}
  if (!id) {
    id = 'visitor-' + (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
    try {
      if (store) store.setItem(KEY, id);
    } catch (blocked) {}
  }
  // The snippet a customer pastes, with this visitor's id.
  var snippet = document.createElement('script');
  snippet.async = true;
  snippet.src = '/widget/heed.js';
  snippet.dataset.project = 'pk_demo';
  snippet.dataset.userId = id;
  snippet.dataset.plan = 'saas';
  document.head.appendChild(snippet);
})();
