// Active time: the time between input, key and pointer events while this window has the focus.
// A gap longer than the idle threshold (IDLE_THRESHOLD_SECONDS) counts as nothing: the person was
// away. Losing the focus stops the clock until the next event. Wall time is the time the page
// was open. Both are added to what the server already had for this keying (or review) and sent
// with every htmx request and with the form's submit.
(function () {
  "use strict";
  const form = document.getElementById("keying-form") || document.getElementById("review-form");
  if (!form || window.TwoMatchActivity) return;
  const idleMs = (parseFloat(form.dataset.idleThreshold || "60") || 60) * 1000;
  const activeInput = document.getElementById("active_seconds");
  const wallInput = document.getElementById("wall_seconds");
  if (!activeInput || !wallInput) return;
  const baseActive = parseFloat(activeInput.value || "0") || 0;
  const baseWall = parseFloat(wallInput.value || "0") || 0;
  const start = Date.now();
  let active = 0;
  let last = document.hasFocus() ? start : null;
  let lastEventAt = start;

  function tick() {
    const now = Date.now();
    if (!document.hasFocus()) { last = null; return; }
    if (last !== null) {
      const gap = now - last;
      if (gap > 0 && gap <= idleMs) active += gap;
    }
    last = now;
    lastEventAt = now;
  }
  ["keydown", "input", "pointerdown", "pointermove", "wheel"].forEach(function (type) {
    document.addEventListener(type, tick, { passive: true, capture: true });
  });
  window.addEventListener("blur", function () { last = null; });
  window.addEventListener("focus", function () { last = Date.now(); });
  document.addEventListener("visibilitychange", function () { if (document.hidden) last = null; });

  function record() {
    activeInput.value = (baseActive + active / 1000).toFixed(1);
    wallInput.value = (baseWall + (Date.now() - start) / 1000).toFixed(1);
  }
  document.body.addEventListener("htmx:configRequest", function (e) {
    record();
    e.detail.parameters["active_seconds"] = activeInput.value;
    e.detail.parameters["wall_seconds"] = wallInput.value;
  });
  form.addEventListener("submit", record, true);
  // Pages with their own keyboard script (keying.js, review.js) handle Ctrl+Enter themselves.
  document.addEventListener("keydown", function (e) {
    if (window.TwoMatchOwnsSubmit) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      const btn = document.getElementById("submit-btn");
      if (btn) { e.preventDefault(); record(); btn.click(); }
    }
  });
  window.TwoMatchActivity = {
    record: record,
    activeSeconds: function () { return active / 1000; },
    // True when there was input or pointer activity within `ms`.
    activeWithin: function (ms) { return Date.now() - lastEventAt <= ms; },
  };
})();
