// A request the server shed under overload (503 + Retry-After, config/shedding.py) is tried again.
// - An htmx request (the autosave of the keying, review and audit pages): the status line shows
//   the server's "busy" message, and after Retry-After (plus a random part, so a crowd of pages
//   does not come back in the same second) the same element posts again, with what the form holds
//   by then. A save that succeeds meanwhile (the operator typed on) cancels the pending retry.
//   Nothing in the form is touched: the draft stays on the page (and in keying.js's browser copy).
// - The "server is busy" page itself (templates/503_busy.html): it reloads after Retry-After.
(function () {
  "use strict";
  const MAX_TRIES = 8;
  const pending = new WeakMap();  // element -> {timer, tries}

  function delayMs(xhr, tries) {
    const header = Number(xhr.getResponseHeader("Retry-After"));
    const base = (header > 0 ? header : 2) * 1000 * Math.min(4, Math.pow(1.5, tries));
    return base + Math.random() * base * 0.5;
  }

  document.addEventListener("htmx:afterRequest", function (e) {
    const elt = e.detail.elt, xhr = e.detail.xhr;
    if (!elt || !xhr) return;
    const state = pending.get(elt) || { timer: null, tries: 0 };
    if (xhr.status !== 503) {
      if (state.timer) clearTimeout(state.timer);
      pending.delete(elt);
      return;
    }
    if (state.timer || state.tries >= MAX_TRIES) return;  // one retry at a time; then the next edit saves
    const verb = elt.hasAttribute("hx-post") ? "POST" : "GET";
    const url = elt.getAttribute("hx-post") || elt.getAttribute("hx-get");
    if (!url) return;
    state.timer = setTimeout(function () {
      state.timer = null;
      state.tries += 1;
      window.htmx.ajax(verb, url, { source: elt });
    }, delayMs(xhr, state.tries));
    pending.set(elt, state);
  });

  document.addEventListener("DOMContentLoaded", function () {
    const note = document.querySelector("[data-reload-after]");
    if (!note) return;
    const seconds = Number(note.dataset.reloadAfter) || 2;
    setTimeout(function () { window.location.reload(); }, (seconds + Math.random() * seconds * 0.5) * 1000);
  });
})();
