// Active time: time between input/pointer events while the page has focus. A gap longer than
// the idle threshold (IDLE_THRESHOLD_SECONDS) counts as nothing: the operator was away.
(function () {
  "use strict";
  const form = document.getElementById("keying-form") || document.getElementById("review-form");
  if (!form) return;
  const idleMs = (parseFloat(form.dataset.idleThreshold || "60") || 60) * 1000;
  const activeInput = document.getElementById("active_seconds");
  const wallInput = document.getElementById("wall_seconds");
  const baseActive = parseFloat(activeInput.value || "0") || 0;
  const baseWall = parseFloat(wallInput.value || "0") || 0;
  const start = Date.now();
  let active = 0;
  let last = null;
  function tick() {
    const now = Date.now();
    if (last !== null && document.hasFocus()) {
      const gap = now - last;
      if (gap <= idleMs) active += gap;
    }
    last = now;
  }
  ["keydown", "input", "pointerdown", "pointermove", "wheel"].forEach(function (type) {
    document.addEventListener(type, tick, { passive: true, capture: true });
  });
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
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      const btn = document.getElementById("submit-btn");
      if (btn) { e.preventDefault(); record(); btn.click(); }
    }
  });
  window.TwoMatchActivity = { record: record, activeSeconds: function () { return active / 1000; } };
})();
