// Shortcuts every page shares: "?" (or F1, or Ctrl+/ inside a text field) opens the shortcut
// overlay, Esc closes it; a button with data-shortcut="n" is pressed by that key when the focus
// is not in a text field (the home pages' "Next" buttons). Messages floating over a workspace
// fade after a while, except errors, which stay until clicked.
(function () {
  "use strict";
  if (window.TwoMatchUI) return;  // loaded by base.html; a page that loads it again gets it once

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    const tag = target.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select" || target.isContentEditable) return true;
    if (tag !== "input") return false;
    return !["checkbox", "radio", "button", "submit", "reset"].includes((target.type || "").toLowerCase());
  }

  function dialog() { return document.getElementById("help-dialog"); }

  function openHelp() {
    const d = dialog();
    if (!d || d.open) return;
    d.dataset.returnFocus = "";
    d._returnTo = document.activeElement;
    d.showModal();
    const close = d.querySelector("[data-help-close]");
    if (close) close.focus();
  }

  function closeHelp() {
    const d = dialog();
    if (!d || !d.open) return;
    d.close();
  }

  document.addEventListener("DOMContentLoaded", function () {
    const d = dialog();
    if (d) {
      d.addEventListener("close", function () {
        if (d._returnTo && d._returnTo.focus) d._returnTo.focus();
      });
      d.addEventListener("click", function (e) {
        if (e.target === d || e.target.closest("[data-help-close]")) closeHelp();
      });
    }
    document.querySelectorAll("[data-help-open]").forEach(function (b) {
      b.addEventListener("click", function (e) { e.preventDefault(); openHelp(); });
    });
    document.querySelectorAll("main.workspace > .messages .msg").forEach(function (m) {
      m.title = m.title || "×";
      m.addEventListener("click", function () { m.remove(); });
      if (!m.classList.contains("msg-error") && !m.classList.contains("msg-warning")) {
        setTimeout(function () { m.remove(); }, 6000);
      }
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return;
    const typing = isTyping(e.target);
    if (e.key === "F1" || (e.key === "/" && (e.ctrlKey || e.metaKey)) || (e.key === "?" && !typing && !e.ctrlKey && !e.altKey && !e.metaKey)) {
      e.preventDefault();
      const d = dialog();
      if (d && d.open) closeHelp(); else openHelp();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typing || e.defaultPrevented) return;
    if (dialog() && dialog().open) return;
    const key = (e.key || "").toLowerCase();
    if (key.length !== 1) return;
    const btn = document.querySelector('[data-shortcut="' + key + '"]');
    if (btn && !btn.disabled) { e.preventDefault(); btn.click(); }
  });

  window.TwoMatchUI = { isTyping: isTyping, openHelp: openHelp, closeHelp: closeHelp };
})();
