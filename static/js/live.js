// Live bar and updates polling: only while the tab is visible; focus for new updates.
// (htmx's "[...]" trigger filters would need eval, which the site's CSP forbids.)
(function () {
  "use strict";

  // A hidden tab skips its polls: nobody is reading, and a crowd of background tabs is load.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (document.hidden && event.detail.elt.hasAttribute("data-live-poll")) {
      event.preventDefault();
    }
  });

  // "N new updates": the button brings the page's stream up to date in place (its htmx
  // attributes); then focus goes to the first update newer than those the reader had.
  var newerThan = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var button = event.detail.elt;
    if (button.classList && button.classList.contains("new-updates")) {
      newerThan = Number(button.getAttribute("data-after"));
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    if (newerThan === null || !document.getElementById("updates-stream")) return;
    var stamp = newerThan;
    newerThan = null;
    var first = Array.prototype.find.call(
      document.querySelectorAll("#updates-stream [data-stamp]"),
      function (update) { return Number(update.getAttribute("data-stamp")) > stamp; }
    );
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  });

  // When the reader comes back, catch up at once instead of waiting for the next tick.
  document.addEventListener("visibilitychange", function () {
    if (document.hidden || typeof htmx === "undefined") return;
    document.querySelectorAll("[data-live-poll]").forEach(function (elt) {
      htmx.trigger(elt, "visible-again");
    });
  });
})();
