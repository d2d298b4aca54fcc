// The admin's autocomplete boxes (select2) take their accessible name from the chosen text,
// so an empty box has none, and the tags box's typing field has no label. Name them after
// the field's own label (or the select's aria-label in a table row), again whenever select2
// redraws them.
(function () {
  "use strict";
  function nameBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var label = select.labels && select.labels[0];
      var name = label ? label.textContent.trim().replace(/:$/, "") : select.getAttribute("aria-label");
      if (!name) return;
      var box = container.querySelector(".select2-selection");
      if (box && box.getAttribute("aria-label") !== name) {
        box.removeAttribute("aria-labelledby");
        box.setAttribute("aria-label", name);
      }
      // The chosen text inside is part of the box, not a text field of its own.
      container.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(function (shown) {
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
      });
      container.querySelectorAll(".select2-search__field").forEach(function (field) {
        if (!field.getAttribute("aria-label")) field.setAttribute("aria-label", name);
      });
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; nameBoxes(); });
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameBoxes);
})();
