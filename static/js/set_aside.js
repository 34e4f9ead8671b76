// "Cannot key this document" on the keying page (issue 14): Alt+K opens the reasons and focuses the
// first one; arrows choose, Enter passes the document to a manager. "Stop after this document"
// (Alt+Q) is honoured here too.
(function () {
  "use strict";
  const box = document.getElementById("set-aside");
  const form = document.getElementById("set-aside-form");
  if (!box || !form) return;
  document.addEventListener("keydown", function (e) {
    if (e.isComposing || !e.altKey || e.ctrlKey || e.metaKey || e.code !== "KeyK") return;
    e.preventDefault();
    box.open = !box.open;
    if (box.open) {
      const first = form.querySelector("input[name=reason]:checked") || form.querySelector("input[name=reason]");
      if (first) { first.focus(); box.scrollIntoView({ block: "nearest" }); }
    }
  });
  let saved = false;
  form.addEventListener("submit", function (e) {
    const stop = document.getElementById("then-stop");
    if (stop && stop.checked && !form.querySelector("input[name=then]")) {
      const hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = "then"; hidden.value = "stop";
      form.appendChild(hidden);
    }
    // Save what was typed since the last autosave before leaving the page (the draft is kept), and
    // let a claim-ahead already in flight finish first: the server opens the next document for us.
    if (saved) return;
    e.preventDefault();
    let done = false;
    function go() { if (!done) { done = true; saved = true; form.requestSubmit(); } }
    const keying = window.TwoMatchKeying;
    const steps = [keying && keying.leave ? keying.leave() : Promise.resolve()];
    const autosaver = document.getElementById("autosaver");
    if (autosaver && typeof htmx !== "undefined") {
      steps.push(new Promise(function (resolve) {
        autosaver.addEventListener("htmx:afterRequest", resolve, { once: true });
        htmx.trigger(document.body, "twomatch:autosave");
      }));
    }
    Promise.all(steps).then(go);
    setTimeout(go, 2000);
  });
})();
