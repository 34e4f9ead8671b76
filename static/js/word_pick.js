// Keying page (issue 14): click a word printed on the page image to insert it into the field being
// keyed (the last one that had the focus), at the cursor; Shift+click inserts the whole printed line.
// Words come from the PDF's text layer (none on a scan). A drag still pans the page, a double-click
// still zooms.
(function () {
  "use strict";
  const marker = document.getElementById("word-pick");
  const form = document.getElementById("keying-form");
  const viewport = document.getElementById("viewport");
  if (!marker || !form || !viewport) return;
  const url = marker.dataset.url;                 // …/words/0.json: 0 is replaced by the page number
  const cache = {};
  let field = null;
  let down = null;

  form.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches(".fields input")) field = e.target;
  });

  function words(number) {
    if (!cache[number]) {
      cache[number] = fetch(url.replace(/0\.json$/, number + ".json"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { words: [] }; })
        .then(function (d) { return d.words || []; })
        .catch(function () { delete cache[number]; return []; });
    }
    return cache[number];
  }

  function insert(text) {
    if (!field || !text) return;
    const start = field.selectionStart == null ? field.value.length : field.selectionStart;
    const end = field.selectionEnd == null ? start : field.selectionEnd;
    field.setRangeText(text, start, end, "end");
    field.focus();
    field.dispatchEvent(new Event("input", { bubbles: true }));   // autosave and validation follow
  }

  viewport.addEventListener("pointerdown", function (e) { down = { x: e.clientX, y: e.clientY }; }, true);
  // A double-click zooms (viewer.js): the single click waits a moment so that it inserts nothing then.
  let pending = null;
  viewport.addEventListener("dblclick", function () { clearTimeout(pending); pending = null; });
  viewport.addEventListener("click", function (e) {
    if (!down || Math.abs(e.clientX - down.x) > 4 || Math.abs(e.clientY - down.y) > 4) return;   // a drag
    if (e.detail > 1) return;
    clearTimeout(pending);
    pending = setTimeout(function () { pick(e); }, 250);
  });

  function pick(e) {
    const img = viewport.querySelector(".page-wrap:not([hidden]) img.page");
    if (!img || !field) return;
    const number = Number(img.closest(".page-wrap").dataset.page);
    const rect = img.getBoundingClientRect();
    const x = (e.clientX - rect.left) * Number(img.getAttribute("width")) / rect.width;
    const y = (e.clientY - rect.top) * Number(img.getAttribute("height")) / rect.height;
    const shift = e.shiftKey;
    words(number).then(function (list) {
      const hit = list.find(function (w) { return x >= w.x - 2 && x <= w.x + w.w + 2 && y >= w.y - 2 && y <= w.y + w.h + 2; });
      if (hit) insert(shift ? hit.run : hit.t);
    });
  }
})();
