// Reviewer page (issue 14): the person heading shows the value the reviewer chose — the first or
// second keyer's, a typed correction or an override of an agreed value — not the operator's
// spelling. A opens the current person's agreed fields at the first "Change"; Enter on it opens
// the value, Enter moves to the reason, Enter again returns to the "Change" line. Overrides are
// saved with the other decisions.
(function () {
  "use strict";
  const form = document.getElementById("review-form");
  if (!form) return;

  function chosen(index, part) {
    const checked = form.querySelector('input[name="c' + index + '-choice"]:checked');
    if (!checked) return null;
    if (checked.value === "first") return part.dataset.first;
    if (checked.value === "second") return part.dataset.second;
    if (checked.value === "typed") {
      const typed = form.querySelector('input[name="c' + index + '-value"]');
      return typed ? typed.value : "";
    }
    return null;
  }

  function refresh() {
    form.querySelectorAll("[data-name-part]").forEach(function (part) {
      let text = null;
      if (part.dataset.conflict !== undefined) {
        text = chosen(part.dataset.conflict, part);
        if (text === null) text = part.dataset.first + "／" + part.dataset.second;
        part.classList.toggle("undecided-name", chosen(part.dataset.conflict, part) === null);
      } else if (part.dataset.override) {
        const input = form.querySelector('input[name="' + part.dataset.override + '-value"]');
        if (input) text = input.value;
      }
      if (text !== null && part.textContent !== text) part.textContent = text;
    });
  }

  form.addEventListener("change", refresh);
  form.addEventListener("twomatch:decisions", refresh);
  form.addEventListener("input", refresh);
  form.querySelectorAll("[data-override-input]").forEach(function (input) {
    input.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" || e.isComposing || e.keyCode === 229 || e.ctrlKey || e.metaKey) return;
      e.preventDefault();   // never the form's implicit submit
      const inputs = Array.from(input.closest("details").querySelectorAll("[data-override-input]"));
      const next = inputs[inputs.indexOf(input) + 1];
      if (next) next.focus();
      else input.dispatchEvent(new CustomEvent("twomatch:override-done", { bubbles: true }));
    });
    input.addEventListener("change", function () { document.body.dispatchEvent(new CustomEvent("twomatch:review-dirty")); });
  });
  form.addEventListener("twomatch:override-done", function (e) {
    const summary = e.target.closest("details.override").querySelector("summary");
    if (summary) summary.focus();
  });

  function currentPerson() {
    const active = document.activeElement;
    const here = active && active.closest ? active.closest(".person") : null;
    if (here) return here;
    return form.querySelector(".person");
  }

  document.addEventListener("keydown", function (e) {
    if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== "a") return;
    if (window.TwoMatchUI && window.TwoMatchUI.isTyping(e.target)) return;
    const dlg = document.getElementById("help-dialog");
    if (dlg && dlg.open) return;
    const person = currentPerson();
    if (!person) return;
    const list = person.matches("details") ? person : person.querySelector("details.agreed");
    const first = person.querySelector("details.override summary");
    if (!first) return;
    e.preventDefault();
    if (list) list.open = true;
    first.focus();
    first.scrollIntoView({ block: "nearest" });
  });
  refresh();
})();
