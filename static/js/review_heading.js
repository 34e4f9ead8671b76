// Reviewer page (issue 14): the person heading shows the value the reviewer chose — the first or
// second keyer's, a typed correction or an override of an agreed value — not the operator's
// spelling. Enter inside an override field moves on instead of submitting the review, and an
// override is saved with the other decisions.
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
  refresh();
})();
