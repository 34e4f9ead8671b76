// The operator's keying page: keyboard-first form, validation as a field is left, autosave
// (htmx, on #autosaver) with a copy in this browser so that even a crash loses nothing, the
// claim kept alive while the operator works, and the next document claimed ahead so it opens
// at once after the submit. Posted names stay as the server reads them: rows, version,
// r{i}-{key}, action, then, active_seconds, wall_seconds.
(function () {
  "use strict";
  const form = document.getElementById("keying-form");
  const cfgNode = document.getElementById("keying-config");
  if (!form || !cfgNode) return;
  const cfg = JSON.parse(cfgNode.textContent);
  window.TwoMatchOwnsSubmit = true;

  const records = document.getElementById("records");
  const template = document.getElementById("record-template");
  const rowsInput = document.getElementById("rows");
  const submitBtn = document.getElementById("submit-btn");
  const stopBox = document.getElementById("then-stop");
  const statusBox = document.getElementById("autosave-status");
  const autosaver = document.getElementById("autosaver");
  const banner = document.getElementById("lease-banner");
  const chip = document.querySelector("[data-lease-chip]");
  const submitNote = document.getElementById("submit-note");
  const ruleLabel = document.querySelector("[data-rule-label]");
  const ruleText = document.querySelector("[data-rule-text]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const journalKey = "twomatch:draft:" + cfg.entry;
  const T = readStrings();

  let submitting = false;
  let dirty = false;             // typed since the last successful save
  let lastSaveAt = Date.now();
  let leaseState = banner && !banner.hidden ? "expired" : "ok";
  let warnedErrors = false;
  let prefetched = null;
  let prefetching = false;
  let prefetchDone = Promise.resolve();
  // Once the page is being left (submit, set aside) it claims nothing more ahead: a claim-ahead racing
  // the server's own "open the next document" could leave a document held for a page that is gone.
  let leaving = false;

  function readStrings() {
    const node = document.getElementById("ui-strings");
    return node ? JSON.parse(node.textContent) : {};
  }
  // A message in the UI language, with %(name)s filled in.
  function t(key, values) {
    return (T[key] || key).replace(/%\((\w+)\)s/g, function (_, name) { return values && name in values ? values[name] : ""; });
  }

  // --- rows ------------------------------------------------------------------------------
  function rowEls() { return Array.from(records.querySelectorAll("fieldset.record")); }
  function inputsOf(row) { return Array.from(row.querySelectorAll(".fields input")); }
  function allInputs() { return Array.from(records.querySelectorAll(".fields input")); }
  function rowOf(el) { return el && el.closest ? el.closest("fieldset.record") : null; }
  function currentRow() { return rowOf(document.activeElement) || rowEls()[rowEls().length - 1]; }
  function rowIsEmpty(row) { return inputsOf(row).every(function (i) { return !i.value.trim(); }); }

  function renumber() {
    rowEls().forEach(function (row, i) {
      row.dataset.index = String(i);
      row.querySelector(".record-no").textContent = String(i + 1);
      const remove = row.querySelector(".remove-row");
      if (remove) remove.value = "remove_row_" + i;
      inputsOf(row).forEach(function (input) {
        const key = input.dataset.key;
        input.name = "r" + i + "-" + key;
        input.id = "r" + i + "-" + key;
        input.setAttribute("aria-describedby", "err-r" + i + "-" + key);
        const label = input.parentElement.querySelector("label");
        if (label) label.htmlFor = input.id;
        const err = input.parentElement.querySelector(".field-error");
        if (err) err.id = "err-r" + i + "-" + key;
      });
    });
    rowsInput.value = String(rowEls().length);
  }

  function newRow() {
    const html = template.innerHTML.replace(/__i__/g, "0").replace(/__n__/g, "1");
    const holder = document.createElement("div");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function addRow(after) {
    if (rowEls().length >= cfg.maxRecords) return null;
    const row = newRow();
    if (after && after.parentNode === records) after.after(row); else records.appendChild(row);
    renumber();
    wireRow(row);
    inputsOf(row)[0].focus();
    changed();
    return row;
  }

  function removeRow(row) {
    if (!row) return;
    const rows = rowEls();
    if (!rowIsEmpty(row)) {
      const name = inputsOf(row).slice(0, 3).map(function (i) { return i.value; }).join(" ").trim();
      if (!window.confirm(t("remove_confirm") + " " + name)) return;
    }
    const index = rows.indexOf(row);
    row.remove();
    if (!rowEls().length) { const fresh = newRow(); records.appendChild(fresh); wireRow(fresh); }
    renumber();
    const next = rowEls()[Math.min(index, rowEls().length - 1)];
    inputsOf(next)[0].focus();
    changed();
  }

  // Alt+C: the previous person's date and company into this person; focus the first empty field.
  function copyFromAbove(row) {
    const rows = rowEls();
    const index = rows.indexOf(row);
    if (index < 1) { flashNote(t("no_person_above")); return; }
    const above = rows[index - 1];
    cfg.copyKeys.forEach(function (key) {
      const from = above.querySelector('input[data-key="' + key + '"]');
      const to = row.querySelector('input[data-key="' + key + '"]');
      if (from && to) { to.value = from.value; clearError(to); }
    });
    const target = inputsOf(row).find(function (i) { return !i.value.trim() && !cfg.copyKeys.includes(i.dataset.key); }) || inputsOf(row)[0];
    target.focus();
    changed();
  }

  function setCurrentRow() {
    const cur = rowOf(document.activeElement);
    rowEls().forEach(function (r) { r.classList.toggle("current", r === cur); });
  }

  // --- field focus and the rule bar ---------------------------------------------------------
  function showRule(input) {
    if (!ruleLabel) return;
    ruleLabel.textContent = input ? input.dataset.label + ":" : "";
    ruleText.textContent = input ? (input.dataset.rule || "") : "";
  }

  function moveFocus(input, delta) {
    const inputs = allInputs();
    const i = inputs.indexOf(input);
    const next = inputs[i + delta];
    if (next) { next.focus(); next.select(); } else if (delta > 0) submitBtn.focus();
  }

  // --- validation (server rules, dataentry.normalization.validate) -------------------------------
  function errorBox(input) { return input.parentElement.querySelector(".field-error"); }
  function clearError(input) { input.removeAttribute("aria-invalid"); const b = errorBox(input); if (b) b.textContent = ""; }
  function showError(input, message) {
    const b = errorBox(input);
    if (message) { input.setAttribute("aria-invalid", "true"); if (b) b.textContent = message; }
    else clearError(input);
  }

  function validate(inputs) {
    inputs = inputs.filter(function (i) { return !rowIsEmpty(rowOf(i)); });
    if (!inputs.length) return Promise.resolve();
    const body = new FormData();
    inputs.forEach(function (i) { body.append(i.name, i.value); i.dataset.checked = i.value; });
    return fetch(cfg.validateUrl, { method: "POST", body: body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { errors: {} }; })
      .then(function (data) {
        inputs.forEach(function (i) {
          if (i.dataset.checked === i.value) showError(i, (data.errors || {})[i.name]);
        });
      })
      .catch(function () { /* offline: the server checks nothing on submit either; never block */ });
  }

  // --- autosave (htmx) and the copy in this browser -----------------------------------------------
  function snapshot() {
    return rowEls().map(function (row) {
      const rec = {};
      inputsOf(row).forEach(function (i) { rec[i.dataset.key] = i.value; });
      return rec;
    });
  }
  function currentVersion() { return Number(document.getElementById("version").value); }

  function writeJournal() {
    try {
      localStorage.setItem(journalKey, JSON.stringify({ version: currentVersion(), rows: snapshot(), at: Date.now() }));
    } catch (e) { /* storage full or disabled: the server copy is still there */ }
  }

  function restoreJournal() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(journalKey) || "null"); } catch (e) { saved = null; }
    if (!saved || !Array.isArray(saved.rows)) return false;
    if (saved.version !== currentVersion()) { localStorage.removeItem(journalKey); return false; }
    if (JSON.stringify(saved.rows) === JSON.stringify(snapshot())) return false;
    while (rowEls().length < saved.rows.length) { const r = newRow(); records.appendChild(r); wireRow(r); }
    while (rowEls().length > Math.max(1, saved.rows.length)) rowEls()[rowEls().length - 1].remove();
    renumber();
    saved.rows.forEach(function (rec, i) {
      inputsOf(rowEls()[i]).forEach(function (input) { input.value = rec[input.dataset.key] || ""; });
    });
    const note = document.getElementById("restore-note");
    if (note) note.hidden = false;
    return true;
  }

  function autosaveNow() {
    if (submitting) return;
    htmx.trigger(document.body, "twomatch:autosave");
  }

  // Typing is saved by htmx after a pause (hx-trigger on #autosaver); rows added, removed or
  // copied are saved at once. Either way this browser keeps a copy first.
  function typed() {
    dirty = true;
    writeJournal();  // at once: a crash a moment later must not lose the last characters
  }
  function changed() {
    typed();
    autosaveNow();
  }

  // 409 (a stale tab) carries a message worth showing: htmx swaps it too (base.html's htmx-config).
  autosaver.addEventListener("htmx:confirm", function (e) { if (submitting) e.preventDefault(); });
  autosaver.addEventListener("htmx:configRequest", function (e) {
    if (submitting) { e.preventDefault(); return; }
    e.detail.parameters["rows"] = String(rowEls().length);
  });
  autosaver.addEventListener("htmx:afterRequest", function (e) {
    const xhr = e.detail.xhr;
    if (xhr && xhr.status === 200) {
      dirty = false;
      lastSaveAt = Date.now();
      writeJournal();
      const saved = statusBox.querySelector("[data-save]");
      if (saved && saved.dataset.lease === "lost") checkLease(); else if (leaseState !== "ok") setLease("ok");
      maybePrefetch();
    } else if (xhr && xhr.status === 409) {
      if (chip) { chip.className = "chip chip-err"; }
    } else if (xhr && xhr.status === 0) {
      statusBox.innerHTML = "";
      const s = document.createElement("span");
      s.className = "msg-inline msg-warning";
      s.textContent = t("offline_keying");
      statusBox.appendChild(s);
      setTimeout(autosaveNow, 5000);
    }
  });

  // The page is going away (tab closed, another page opened): send what is unsaved.
  window.addEventListener("pagehide", function () {
    if (submitting) return;
    writeJournal();
    // A save in flight carries almost everything; a second one now would be refused as stale
    // (and leave an error message for the next page). The browser's copy has the rest.
    if (!dirty || autosaver.classList.contains("htmx-request")) return;
    if (window.TwoMatchActivity) window.TwoMatchActivity.record();
    const body = new FormData(form);
    body.set("action", "save");
    body.set("rows", String(rowEls().length));
    try { navigator.sendBeacon(form.action, body); } catch (e) { /* the journal still has it */ }
  });
  window.addEventListener("pageshow", function (e) { if (e.persisted) window.location.reload(); });

  // --- the claim (lease) ---------------------------------------------------------------------------
  function setLease(state) {
    leaseState = state;
    if (chip) {
      chip.className = "chip " + (state === "ok" ? "chip-ok" : state === "expired" ? "chip-warn" : "chip-err");
      chip.textContent = t("chip_" + state);
    }
    submitBtn.disabled = state === "taken" || state === "done";
    if (!banner) return;
    banner.hidden = state === "ok";
    banner.dataset.state = state;
    banner.querySelectorAll("[data-when]").forEach(function (el) {
      el.hidden = !el.dataset.when.split(" ").includes(state);
    });
    const reclaim = banner.querySelector("[data-reclaim-form]");
    if (reclaim) reclaim.hidden = state !== "expired";
  }

  function checkLease() {
    return fetch(cfg.leaseUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && data.state) setLease(data.state); return data; })
      .catch(function () { return null; });
  }

  function reclaim(e) {
    if (e) e.preventDefault();
    return fetch(cfg.reclaimUrl, { method: "POST", headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then(function (r) {
        const ok = r.ok && new URL(r.url).pathname.replace(/\/+$/, "") === window.location.pathname.replace(/\/+$/, "");
        if (ok) { setLease("ok"); autosaveNow(); focusFirstField(); } else { checkLease(); }
      })
      .catch(function () { checkLease(); });
  }
  if (banner) {
    const reclaimForm = banner.querySelector("[data-reclaim-form]");
    if (reclaimForm) reclaimForm.addEventListener("submit", reclaim);
  }

  // Every minute: renew the claim (an autosave renews it) if the operator worked recently, and
  // notice an expiry even while nothing is typed.
  setInterval(function () {
    const act = window.TwoMatchActivity;
    const renewEvery = Math.min(cfg.leaseSeconds / 3, 300) * 1000;
    if (leaseState === "ok" && act && act.activeWithin(120000) && Date.now() - lastSaveAt > renewEvery) autosaveNow();
    checkLease();
  }, 60000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) checkLease(); });

  // --- claim ahead ---------------------------------------------------------------------------------
  function maybePrefetch() {
    if (leaving || !cfg.prefetchUrl || prefetched || prefetching || (stopBox && stopBox.checked) || leaseState !== "ok") return;
    if (!snapshot().some(function (r) { return Object.values(r).some(function (v) { return v.trim(); }); })) return;
    prefetching = true;
    prefetchDone = fetch(cfg.prefetchUrl, { method: "POST", headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (data) {
        if (!data || !data.entry) return;
        prefetched = data;
        (data.images || []).forEach(function (src) {
          const l = document.createElement("link");
          l.rel = "prefetch"; l.as = "image"; l.href = src;
          document.head.appendChild(l);
        });
      })
      .catch(function () {})
      .finally(function () { prefetching = false; });
  }

  // Resolves when no claim-ahead is in flight any more, so the server's next claim sees its outcome.
  function leave() {
    leaving = true;
    return prefetchDone;
  }

  function releaseAhead(keepalive) {
    if (!prefetched) return Promise.resolve();
    prefetched = null;
    return fetch(cfg.releaseUrl, { method: "POST", headers: { "X-CSRFToken": csrf }, credentials: "same-origin", keepalive: !!keepalive })
      .catch(function () {});
  }
  if (stopBox) stopBox.addEventListener("change", function () { if (stopBox.checked) releaseAhead(false); else maybePrefetch(); });

  // --- submit ------------------------------------------------------------------------------------------
  function flashNote(text) {
    if (!submitNote) return;
    submitNote.textContent = text;
    submitNote.hidden = !text;
  }

  function waitForSave() {
    return new Promise(function (resolve) {
      if (!autosaver.classList.contains("htmx-request")) { resolve(); return; }
      autosaver.addEventListener("htmx:afterRequest", function () { resolve(); }, { once: true });
      setTimeout(resolve, 8000);
    });
  }

  function refuseForLease() {
    setLease(leaseState);
    const b = banner && banner.querySelector("[data-reclaim]");
    if (b && !b.closest("[hidden]")) b.focus();
  }

  // Ask the server about the claim first: submitting a document someone else holds now would
  // only come back refused.
  function submit() {
    if (submitting) return;
    if (leaseState !== "ok") { refuseForLease(); return; }
    checkLease().then(function (data) {
      if (data && data.state && data.state !== "ok") { refuseForLease(); return; }
      submitChecked();
    });
  }

  function submitChecked() {
    if (submitting) return;
    if (leaseState !== "ok") { refuseForLease(); return; }
    const invalid = allInputs().filter(function (i) { return i.getAttribute("aria-invalid") === "true" && !rowIsEmpty(rowOf(i)); });
    if (invalid.length && !warnedErrors) {
      warnedErrors = true;
      flashNote(t("errors_pending", { n: invalid.length }));
      invalid[0].focus();
      return;
    }
    submitting = true;
    if (window.TwoMatchActivity) window.TwoMatchActivity.record();
    const stop = stopBox && stopBox.checked;
    const settled = leave();
    Promise.all([waitForSave(), settled]).then(function () {
      return stop ? releaseAhead(true) : null;
    }).then(function () {
      rowsInput.value = String(rowEls().length);
      try { localStorage.removeItem(journalKey); } catch (e) { /* nothing to clean */ }
      // Not from inside the submit event that started this: the browser ignores a nested one.
      setTimeout(function () { form.requestSubmit(submitBtn); }, 0);
    });
  }

  form.addEventListener("submit", function (e) {
    const action = e.submitter ? e.submitter.value : "";
    if (action === "submit") {
      if (!submitting) { e.preventDefault(); submit(); }
      return;
    }
    e.preventDefault();  // the other buttons act in the page
    if (action === "add_row") addRow(null);
    else if (action === "save") { autosaveNow(); }
    else if (action.indexOf("remove_row_") === 0) removeRow(e.submitter.closest("fieldset.record"));
  });

  // --- keyboard --------------------------------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return;   // the IME owns Enter while converting
    const dlg = document.getElementById("help-dialog");
    if (dlg && dlg.open) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); return; }
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const row = currentRow();
      if (e.code === "KeyN") { e.preventDefault(); addRow(row); return; }
      if (e.code === "KeyX") { e.preventDefault(); removeRow(rowOf(document.activeElement) || row); return; }
      if (e.code === "KeyC") { e.preventDefault(); copyFromAbove(rowOf(document.activeElement) || row); return; }
      if (e.code === "KeyQ" && stopBox) { e.preventDefault(); stopBox.checked = !stopBox.checked; stopBox.dispatchEvent(new Event("change")); return; }
    }
    const target = e.target;
    if (e.key === "Enter" && !e.altKey && !e.ctrlKey && !e.metaKey && target.matches && target.matches(".fields input")) {
      e.preventDefault();   // never the form's implicit submit (its first button removes a person)
      moveFocus(target, e.shiftKey ? -1 : 1);
    }
  });

  // --- wiring ------------------------------------------------------------------------------------------
  function wireRow(row) {
    inputsOf(row).forEach(function (input) {
      input.addEventListener("focus", function () { showRule(input); setCurrentRow(); });
      input.addEventListener("input", function () { if (input.getAttribute("aria-invalid")) clearError(input); typed(); });
      input.addEventListener("blur", function () {
        if (input.dataset.checked !== input.value || input.value === "") validate([input]);
      });
    });
  }

  function focusFirstField() {
    const inputs = allInputs();
    const anyTyped = inputs.some(function (i) { return i.value.trim(); });
    const target = anyTyped ? (inputs.find(function (i) { return !i.value.trim() && i.getAttribute("aria-required") === "true"; }) || inputs[0]) : inputs[0];
    if (target) { target.focus(); target.select(); }
  }

  rowEls().forEach(wireRow);
  const restored = restoreJournal();
  focusFirstField();
  setCurrentRow();
  validate(allInputs().filter(function (i) { return i.value.trim(); }));
  if (restored) { dirty = true; setTimeout(autosaveNow, 300); }
  if (leaseState !== "ok") { setLease(leaseState); checkLease(); }
  maybePrefetch();
  document.body.dataset.ready = "keying";
  window.TwoMatchKeying = { addRow: addRow, removeRow: removeRow, copyFromAbove: copyFromAbove, submit: submit, leave: leave,
                            prefetched: function () { return prefetched; } };
})();
