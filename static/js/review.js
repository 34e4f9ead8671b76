// The reviewer's page: one keystroke per conflict in the common case. 1 / 2 take the first or
// second value (keep / drop for a person) and move on; E types a correction; Enter confirms and
// moves on; Ctrl+Enter resolves. The focused conflict's candidates are boxed on the page image
// where the PDF's text layer prints them, and the page zooms there. Decisions autosave (which
// also renews the claim). Posted names stay: c{i}-choice, c{i}-value, version, action, then.
(function () {
  "use strict";
  const form = document.getElementById("review-form");
  const cfgNode = document.getElementById("review-config");
  if (!form || !cfgNode) return;
  const cfg = JSON.parse(cfgNode.textContent);
  window.TwoMatchOwnsSubmit = true;

  const conflicts = Array.from(form.querySelectorAll("fieldset.conflict"));
  const submitBtn = document.getElementById("submit-btn");
  const stopBox = document.getElementById("then-stop");
  // The version input is replaced by every save's answer (out of band): look it up each time.
  function versionInput() { return document.getElementById("version"); }
  const autosaver = document.getElementById("autosaver");
  const progress = document.querySelector("[data-progress]");
  const saveStatus = document.getElementById("save-status");
  const submitNote = document.getElementById("submit-note");
  const banner = document.getElementById("lease-banner");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const stringsNode = document.getElementById("ui-strings");
  const T = stringsNode ? JSON.parse(stringsNode.textContent) : {};
  // A message in the UI language, with %(name)s filled in.
  function t(key, values) {
    return (T[key] || key).replace(/%\((\w+)\)s/g, function (_, name) { return values && name in values ? values[name] : ""; });
  }

  let current = -1;
  let evidence = null;
  let submitting = false;
  let saving = null;           // the save in flight (a Promise)
  let saveTimer = null;
  let lastSaveAt = Date.now();
  let leaseOk = !banner || banner.hidden;

  // --- state of each conflict ---------------------------------------------------------------
  function choiceOf(fs) {
    const checked = fs.querySelector("input[type=radio]:checked");
    if (!checked) return "";
    if (checked.value === "typed") {
      const text = fs.querySelector("input[type=text]");
      return text && text.value.trim() ? "typed" : "";
    }
    return checked.value;
  }
  function decided(fs) { return choiceOf(fs) !== ""; }

  function describe(fs) {
    const checked = fs.querySelector("input[type=radio]:checked");
    if (!checked || !decided(fs)) return "";
    const label = checked.closest("label");
    if (checked.value === "typed") return t("correction") + " " + fs.querySelector("input[type=text]").value.trim();
    const who = label.querySelector(".who");
    const kbd = label.querySelector("kbd");
    return (kbd ? kbd.textContent + " " : "") + (who ? who.textContent : label.textContent.replace(/^\s*\d\s*/, "").trim());
  }

  function refresh() {
    let done = 0;
    conflicts.forEach(function (fs) {
      const d = decided(fs);
      if (d) done++;
      fs.querySelector("[data-decision]").textContent = describe(fs);
      fs.querySelector("[data-undecided]").hidden = d;
    });
    if (progress) progress.textContent = t("decided", { done: done, total: conflicts.length });
    submitBtn.disabled = done < conflicts.length;
    if (done === conflicts.length && submitNote) submitNote.hidden = true;
    form.dispatchEvent(new CustomEvent("twomatch:decisions"));   // the person headings follow (review_overrides.js)
    return done;
  }

  function nextUndecided(from) {
    for (let k = 1; k <= conflicts.length; k++) {
      const i = (from + k) % conflicts.length;
      if (!decided(conflicts[i])) return i;
    }
    return -1;
  }

  // --- focus and evidence ----------------------------------------------------------------------
  function focusConflict(i, opts) {
    if (i < 0 || i >= conflicts.length) return;
    current = i;
    conflicts.forEach(function (fs, k) { fs.classList.toggle("current", k === i); });
    const fs = conflicts[i];
    if (!(opts && opts.keepFocus)) fs.focus({ preventScroll: true });
    fs.scrollIntoView({ block: "nearest" });
    showEvidence(i);
  }

  function advance() {
    const next = nextUndecided(current);
    if (next === -1) {
      current = -1;
      conflicts.forEach(function (fs) { fs.classList.remove("current"); });
      submitBtn.focus();
    }
    else focusConflict(next);
  }

  function showEvidence(i) {
    const V = window.TwoMatchViewer;
    if (!V || !evidence || !evidence.conflicts) return;
    const ev = evidence.conflicts[i];
    if (!ev) { V.showBoxes([]); return; }
    const boxes = [];
    // One tag per printed occurrence: the lines that continue a value carry none.
    function add(list, kind, label) {
      let prev = null;
      list.slice().sort(function (a, b) { return a.page - b.page || a.y - b.y; }).forEach(function (b) {
        const continues = prev && prev.page === b.page && b.y - (prev.y + prev.h) < prev.h * 0.8 && Math.abs(b.x - prev.x) < prev.h * 2;
        boxes.push(Object.assign({ kind: kind, label: continues ? "" : label }, b));
        prev = b;
      });
    }
    add(ev.first, "first", "1");
    add(ev.second, "second", "2");
    if (!boxes.length) ev.anchor.forEach(function (b) { boxes.push(Object.assign({ kind: "anchor" }, b)); });
    V.showBoxes(boxes);
    // Nothing to point at: show the whole width rather than the last conflict's place.
    if (ev.focus) V.focusBox(ev.focus); else V.fit();
  }

  function markEvidence() {
    if (!evidence) return;
    if (!evidence.text_layer) {
      const note = document.querySelector("[data-no-evidence]");
      if (note) note.hidden = false;
      return;
    }
    (evidence.conflicts || []).forEach(function (ev) {
      const fs = conflicts.find(function (c) { return Number(c.dataset.index) === ev.index; });
      if (!fs) return;
      fs.querySelectorAll("[data-ev]").forEach(function (span) {
        const hits = ev[span.dataset.ev] || [];
        const pages = Array.from(new Set(hits.map(function (h) { return h.page; })));
        span.className = "ev " + (hits.length ? "ev-found" : "ev-missing");
        span.textContent = hits.length ? t("on_page", { pages: pages.join(",") }) : t("not_found");
        span.title = hits.length ? t("on_page_title") : t("not_found_title");
      });
    });
  }

  function loadEvidence() {
    fetch(cfg.evidenceUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        evidence = data;
        markEvidence();
        if (current >= 0) showEvidence(current);
      })
      .catch(function () {});
  }

  // --- decisions --------------------------------------------------------------------------------
  function choose(fs, value) {
    const radio = fs.querySelector('input[type=radio][value="' + value + '"]');
    if (!radio) return false;
    radio.checked = true;
    refresh();
    scheduleSave();
    return true;
  }

  function edit(fs) {
    const radio = fs.querySelector('input[type=radio][value="typed"]');
    const text = fs.querySelector("input[type=text]");
    if (!radio || !text) return;
    radio.checked = true;
    if (!text.value) {
      const second = fs.querySelector('input[value="second"]').closest("label").querySelector(".val");
      text.value = second ? (second.dataset.value || "") : "";
    }
    text.focus();
    text.select();
    refresh();
  }

  // --- autosave ---------------------------------------------------------------------------------
  function scheduleSave() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 700);
  }

  // The one autosave protocol (as on the keying page): htmx posts the form to the page's URL
  // with action=save (#autosaver) and swaps the answer into #save-status; 409 carries the reason.
  function save() {
    clearTimeout(saveTimer);
    if (submitting) return Promise.resolve();
    if (saving) return saving.then(save);
    if (window.TwoMatchActivity) window.TwoMatchActivity.record();
    saving = new Promise(function (resolve) {
      function done(e) {
        autosaver.removeEventListener("htmx:afterRequest", done);
        autosaver.removeEventListener("htmx:sendError", done);
        resolve(e.type === "htmx:sendError" ? 0 : (e.detail.xhr ? e.detail.xhr.status : 0));
      }
      autosaver.addEventListener("htmx:afterRequest", done);
      autosaver.addEventListener("htmx:sendError", done);
      htmx.trigger(autosaver, "twomatch:autosave");
    })
      .then(function (status) {
        if (status === 200) {
          lastSaveAt = Date.now();
          const answer = saveStatus && saveStatus.querySelector("[data-save]");
          setLease(answer && answer.dataset.lease === "lost" ? "expired" : "ok");
        } else if (status === 403) {
          setLease("taken");
        } else if (status === 0) {
          setSaveStatus("warn", t("offline_review"));
          setTimeout(save, 5000);
        }
      })
      .finally(function () { saving = null; });
    return saving;
  }

  function setSaveStatus(kind, text) {
    if (!saveStatus) return;
    saveStatus.innerHTML = "";
    const s = document.createElement("span");
    s.className = "msg-inline " + (kind === "ok" ? "msg-success" : kind === "error" ? "msg-error" : "msg-warning");
    s.textContent = (kind === "ok" ? "✓ " : "! ") + text;
    saveStatus.appendChild(s);
  }

  function setLease(state) {
    leaseOk = state === "ok";
    if (!banner) return;
    banner.hidden = leaseOk;
    banner.querySelectorAll("[data-when]").forEach(function (el) { el.hidden = el.dataset.when !== state; });
    const b = banner.querySelector("[data-reclaim]");
    if (b) b.hidden = state !== "expired";
  }

  if (banner) {
    const b = banner.querySelector("[data-reclaim]");
    if (b) b.addEventListener("click", function () {
      fetch(cfg.reclaimUrl, { method: "POST", headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
        .then(function (r) {
          if (r.status === 403) return { status: 403, data: {} };   // someone else has it now
          return r.json().then(function (d) { return { status: r.status, data: d }; });
        })
        .then(function (res) {
          if (res.status === 200) { versionInput().value = String(res.data.version); setLease("ok"); save(); }
          else setLease("taken");
        })
        .catch(function () {});
    });
  }

  // Keep the claim while the reviewer works: a save renews it.
  setInterval(function () {
    const act = window.TwoMatchActivity;
    const every = Math.min(cfg.leaseSeconds / 3, 300) * 1000;
    if (act && act.activeWithin(120000) && Date.now() - lastSaveAt > every) save();
  }, 60000);

  // --- submit -----------------------------------------------------------------------------------
  function submit() {
    if (submitting) return;
    if (!leaseOk && banner) {
      const b = banner.querySelector("[data-reclaim]");
      if (b && !b.hidden) b.focus();
      return;
    }
    const left = conflicts.filter(function (fs) { return !decided(fs); });
    if (left.length) {
      if (submitNote) {
        submitNote.textContent = t("undecided_left", { n: left.length });
        submitNote.hidden = false;
      }
      focusConflict(conflicts.indexOf(left[0]));
      return;
    }
    clearTimeout(saveTimer);
    const pending = saving || Promise.resolve();
    pending.then(function () {
      submitting = true;
      if (window.TwoMatchActivity) window.TwoMatchActivity.record();
      submitBtn.disabled = false;
      // Not from inside the submit event that started this: the browser ignores a nested one.
      setTimeout(function () { form.requestSubmit(submitBtn); }, 0);
    });
  }

  form.addEventListener("submit", function (e) {
    const action = e.submitter ? e.submitter.value : "";
    if (action === "submit" && !submitting) { e.preventDefault(); submit(); }
    else if (action === "save") { e.preventDefault(); save(); }
  });

  // --- keyboard -----------------------------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return;
    const dlg = document.getElementById("help-dialog");
    if (dlg && dlg.open) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); return; }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target;
    const fs = target.closest ? target.closest("fieldset.conflict") : null;
    if (fs && conflicts.indexOf(fs) !== current) focusConflict(conflicts.indexOf(fs), { keepFocus: true });

    if (target.matches && target.matches("fieldset.conflict input[type=text]")) {
      if (e.key === "Enter") {
        e.preventDefault();
        if (target.value.trim()) { refresh(); scheduleSave(); advance(); }
      } else if (e.key === "Escape") {
        e.preventDefault();
        conflicts[current].focus();
      }
      return;
    }
    if (window.TwoMatchUI && window.TwoMatchUI.isTyping(target)) return;
    const here = current >= 0 ? conflicts[current] : null;
    const key = e.key.toLowerCase();
    if ((key === "1" || key === "2") && here) {
      e.preventDefault();
      const field = here.dataset.kind === "field";
      if (choose(here, key === "1" ? (field ? "first" : "keep") : (field ? "second" : "drop"))) advance();
    } else if (key === "e" && here && here.dataset.kind === "field") {
      e.preventDefault();
      edit(here);
    } else if (e.key === "Enter") {
      if (target.tagName === "BUTTON" || target.tagName === "A" || target.tagName === "SUMMARY") return;
      e.preventDefault();   // never the form's implicit submit
      if (here && decided(here)) advance();
    } else if (key === "j" || (e.key === "ArrowDown" && target === here)) {
      e.preventDefault();
      focusConflict(Math.min(conflicts.length - 1, current + 1));
    } else if (key === "k" || (e.key === "ArrowUp" && target === here)) {
      e.preventDefault();
      focusConflict(Math.max(0, current - 1));
    } else if (key === "q" && stopBox) {
      e.preventDefault();
      stopBox.checked = !stopBox.checked;
    }
  });

  conflicts.forEach(function (fs, i) {
    fs.addEventListener("change", function () { refresh(); scheduleSave(); });
    fs.addEventListener("focusin", function () { if (current !== i) focusConflict(i, { keepFocus: true }); });
    fs.addEventListener("click", function (e) { if (e.target === fs) focusConflict(i); });
    const text = fs.querySelector("input[type=text]");
    if (text) text.addEventListener("input", function () {
      const radio = fs.querySelector('input[type=radio][value="typed"]');
      if (radio && !radio.checked) radio.checked = true;
      refresh();
      scheduleSave();
    });
  });

  document.body.addEventListener("twomatch:review-dirty", scheduleSave);   // overrides (review_heading.js)
  refresh();
  const first = nextUndecided(-1);
  focusConflict(first === -1 ? 0 : first);
  if (first === -1) submitBtn.focus();
  if (window.TwoMatchViewer) loadEvidence();
  else document.addEventListener("twomatch:viewer-ready", loadEvidence, { once: true });
  document.body.dataset.ready = "review";
  window.TwoMatchReview = { choose: choose, submit: submit, evidence: function () { return evidence; } };
})();
