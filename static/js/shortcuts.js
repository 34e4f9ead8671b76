// "n" opens the next piece of work from the home pages (not while typing in a field).
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const tag = (e.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    const btn = document.querySelector('[data-shortcut="' + e.key + '"]');
    if (btn) { e.preventDefault(); btn.click(); }
  });
})();
