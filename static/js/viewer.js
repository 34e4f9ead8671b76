// Page viewer of the keying and review pages, on @panzoom/panzoom (static/vendor/panzoom).
// Scale 1 = the page fits the viewer's width; zoom keeps the point under the mouse (or the
// middle) in place; the page cannot be pushed out of sight. When the zoomed page would show
// more pixels than the 150 dpi image has, the page is fetched again at 300 dpi.
// Keys: Alt + (+ - 0 arrows PgUp PgDn) anywhere; without Alt when the viewer has the focus.
// Other scripts use window.TwoMatchViewer (showPage, focusBox, showBoxes, …).
(function () {
  "use strict";
  const root = document.getElementById("viewer");
  const cfgNode = document.getElementById("viewer-config");
  if (!root || !cfgNode || typeof Panzoom === "undefined") return;
  const cfg = JSON.parse(cfgNode.textContent);
  const viewport = root.querySelector(".viewport");
  const stage = root.querySelector(".stage");
  const wraps = Array.from(stage.querySelectorAll(".page-wrap"));
  if (!wraps.length) return;
  const thumbs = Array.from(root.querySelectorAll(".thumb"));
  const indicator = root.querySelector("[data-page-indicator]");
  const zoomLabel = root.querySelector("[data-zoom-level]");
  const hiresNote = root.querySelector("[data-hires]");
  const pageText = indicator ? indicator.textContent.replace(/\s*\d+\s*\/\s*\d+\s*$/, "") : "";
  const MIN = 0.35, MAX = 8, STEP = 1.25;

  viewport.classList.add("pz");
  const pz = Panzoom(stage, { minScale: MIN, maxScale: MAX, animate: false, cursor: "grab", canvas: true,
                              handleStartEvent: function (e) { e.preventDefault(); } });
  let current = 1;
  let left = 0, top = 0, scale = 1;   // screen position of the page's top-left corner, and its scale

  function dims() {
    return { vw: viewport.clientWidth, vh: viewport.clientHeight, w: stage.offsetWidth, h: stage.offsetHeight };
  }

  function clamp() {
    const d = dims();
    const sw = d.w * scale, sh = d.h * scale;
    left = sw <= d.vw ? (d.vw - sw) / 2 : Math.min(0, Math.max(d.vw - sw, left));
    top = sh <= d.vh ? 0 : Math.min(0, Math.max(d.vh - sh, top));
  }

  // Panzoom transforms with `scale(s) translate(x, y)` around the element's centre.
  function apply() {
    clamp();
    const d = dims();
    const cx = d.w / 2, cy = d.h / 2;
    const x = (left - cx * (1 - scale)) / scale;
    const y = (top - cy * (1 - scale)) / scale;
    pz.zoom(scale, { animate: false, force: true, silent: true });
    pz.pan(x, y, { animate: false, force: true });
    stage.style.setProperty("--s", scale.toFixed(3));
    if (zoomLabel) zoomLabel.textContent = Math.round(scale * 100) + "%";
    sharpen();
  }

  function readPanzoom() {
    const d = dims();
    const p = pz.getPan();
    scale = pz.getScale();
    left = d.w / 2 * (1 - scale) + scale * p.x;
    top = d.h / 2 * (1 - scale) + scale * p.y;
  }

  function zoomAt(newScale, px, py) {
    newScale = Math.min(MAX, Math.max(MIN, newScale));
    const ix = (px - left) / scale, iy = (py - top) / scale;
    scale = newScale;
    left = px - ix * scale;
    top = py - iy * scale;
    apply();
  }

  function fit() { scale = 1; left = 0; top = 0; apply(); }
  // A page opens at the zoom that shows its body text at least cfg.minTextPx high (issue 14):
  // fitting a whole A4 page into a narrow pane makes half-width kana and small print unreadable.
  function readable() {
    const p = pageCfg(current);
    const d = dims();
    if (!p || !p.bodyPx || !p.width || !d.w) { fit(); return; }
    const shown = p.bodyPx * d.w / p.width;   // body text height on screen at scale 1
    scale = Math.min(MAX, Math.max(1, (cfg.minTextPx || 12) / shown));
    left = 0; top = 0;
    apply();
    sharpen();
  }
  // Keys and buttons zoom around the middle of the top edge: a document is read from the top,
  // and what was at the top of the view stays there.
  function zoomIn() { zoomAt(scale * STEP, dims().vw / 2, 0); }
  function zoomOut() { zoomAt(scale / STEP, dims().vw / 2, 0); }
  function panBy(dx, dy) { left += dx; top += dy; apply(); }

  // --- sharper image when zoomed ----------------------------------------------------------
  function pageCfg(n) { return cfg.pages.find(function (p) { return p.number === n; }); }

  function sharpen() {
    const wrap = wraps[current - 1];
    const img = wrap && wrap.querySelector("img.page");
    const p = pageCfg(current);
    if (!img || !p || !p.hd || img.dataset.hd) return;
    const shown = dims().w * scale * (window.devicePixelRatio || 1);
    if (shown <= (img.naturalWidth || p.width) * 1.05) return;
    img.dataset.hd = "loading";
    const hd = new Image();
    hd.onload = function () { img.src = hd.src; img.dataset.hd = "done"; if (hiresNote) hiresNote.hidden = false; };
    // 503 while a worker renders it: ask again a few times, then keep the normal image.
    hd.onerror = function () {
      const tries = Number(img.dataset.hdTries || 0) + 1;
      img.dataset.hdTries = String(tries);
      img.dataset.hd = "failed";
      if (tries < 4) setTimeout(function () { delete img.dataset.hd; sharpen(); }, 3000);
    };
    hd.src = p.hd;
  }

  // --- pages ----------------------------------------------------------------------------------
  function showPage(n, keepView) {
    n = Math.min(wraps.length, Math.max(1, n));
    if (n === current && keepView) return;
    wraps.forEach(function (w, i) { w.hidden = i !== n - 1; });
    current = n;
    thumbs.forEach(function (t) {
      if (Number(t.dataset.page) === n) t.setAttribute("aria-current", "page"); else t.removeAttribute("aria-current");
    });
    if (indicator) indicator.textContent = pageText + " " + n + " / " + wraps.length;
    if (hiresNote) hiresNote.hidden = wraps[n - 1].querySelector("img.page").dataset.hd !== "done";
    if (!keepView) readable(); else apply();
    const thumb = thumbs[n - 1];
    if (thumb && thumb.scrollIntoView) thumb.scrollIntoView({ block: "nearest" });
  }

  // --- evidence boxes (reviewer page) ------------------------------------------------------
  function showBoxes(boxes) {
    wraps.forEach(function (w) { w.querySelector(".boxes").replaceChildren(); });
    (boxes || []).forEach(function (b) {
      const p = pageCfg(b.page);
      const wrap = wraps[b.page - 1];
      if (!p || !wrap || !p.width) return;
      const el = document.createElement("div");
      el.className = "evbox " + (b.kind || "");
      el.style.left = (b.x / p.width * 100) + "%";
      el.style.top = (b.y / p.height * 100) + "%";
      el.style.width = (b.w / p.width * 100) + "%";
      el.style.height = (b.h / p.height * 100) + "%";
      if (b.label) {
        const tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = b.label;
        el.appendChild(tag);
      }
      wrap.querySelector(".boxes").appendChild(el);
    });
  }

  // Zoom so that the box (page-image pixels) sits in the middle with some context around it.
  function focusBox(b) {
    if (!b) return;
    const p = pageCfg(b.page);
    if (!p || !p.width) return;
    showPage(b.page, true);
    const d = dims();
    const k = d.w / p.width;                  // layout px per image px at scale 1
    const bw = Math.max(b.w * k, 1), bh = Math.max(b.h * k, 1);
    const target = Math.min(2.5, Math.max(1.2, Math.min(d.vw * 0.85 / bw, d.vh * 0.3 / bh)));
    scale = target;
    left = d.vw / 2 - (b.x + b.w / 2) * k * scale;
    top = d.vh * 0.45 - (b.y + b.h / 2) * k * scale;
    apply();
  }

  // --- input --------------------------------------------------------------------------------
  viewport.addEventListener("wheel", function (e) {
    e.preventDefault();
    const r = viewport.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey) {
      zoomAt(scale * Math.exp(-e.deltaY * 0.0025), e.clientX - r.left, e.clientY - r.top);
    } else {
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? r.height : 1;
      panBy(-(e.shiftKey ? e.deltaY : e.deltaX) * unit, -(e.shiftKey ? 0 : e.deltaY) * unit);
    }
  }, { passive: false });
  stage.addEventListener("panzoomstart", function () { viewport.style.cursor = "grabbing"; });
  stage.addEventListener("panzoomend", function () { viewport.style.cursor = ""; readPanzoom(); apply(); });
  stage.addEventListener("dblclick", function (e) {
    const r = viewport.getBoundingClientRect();
    if (scale > 1.05) fit(); else zoomAt(2, e.clientX - r.left, e.clientY - r.top);
  });

  root.querySelectorAll("[data-viewer]").forEach(function (b) {
    b.addEventListener("click", function () {
      const act = b.dataset.viewer;
      if (act === "in") zoomIn(); else if (act === "out") zoomOut(); else if (act === "fit") fit();
      else if (act === "next") showPage(current + 1); else if (act === "prev") showPage(current - 1);
    });
  });
  thumbs.forEach(function (t) {
    t.addEventListener("click", function () { showPage(Number(t.dataset.page)); });
  });

  function isZoomIn(e) { return e.key === "+" || e.key === "=" || e.code === "NumpadAdd" || e.code === "Equal" || e.code === "Semicolon"; }
  function isZoomOut(e) { return e.key === "-" || e.code === "Minus" || e.code === "NumpadSubtract"; }
  function isFit(e) { return e.key === "0" || e.code === "Digit0" || e.code === "Numpad0"; }

  document.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229 || e.ctrlKey || e.metaKey) return;
    const inViewer = root.contains(document.activeElement) && !e.altKey;
    if (!e.altKey && !inViewer) return;
    if (e.altKey && e.shiftKey && !isZoomIn(e)) return;
    const d = dims();
    let done = true;
    if (isZoomIn(e)) zoomIn();
    else if (isZoomOut(e)) zoomOut();
    else if (isFit(e)) fit();
    else if (e.key === "ArrowUp") panBy(0, d.vh * 0.2);
    else if (e.key === "ArrowDown") panBy(0, -d.vh * 0.2);
    else if (e.key === "ArrowLeft") panBy(d.vw * 0.2, 0);
    else if (e.key === "ArrowRight") panBy(-d.vw * 0.2, 0);
    else if (e.key === "PageDown") showPage(current + 1);
    else if (e.key === "PageUp") showPage(current - 1);
    else done = false;
    if (done) { e.preventDefault(); e.stopPropagation(); }
  }, true);

  let resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(apply, 100);
  });
  wraps.forEach(function (w) {
    const img = w.querySelector("img.page");
    img.addEventListener("load", function () { if (!img.dataset.hd) apply(); });
  });

  readable();
  window.TwoMatchViewer = {
    showPage: showPage, fit: fit, readable: readable, zoomIn: zoomIn, zoomOut: zoomOut, focusBox: focusBox, showBoxes: showBoxes,
    page: function () { return current; }, scale: function () { return scale; },
  };
  document.dispatchEvent(new CustomEvent("twomatch:viewer-ready"));
})();
