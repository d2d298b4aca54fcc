// Live bar and updates polling: only while the tab is visible.
// (htmx's "[...]" trigger filters would need eval, which the site's CSP forbids.)
(function () {
  "use strict";

  // A hidden tab skips its polls: nobody is reading, and a crowd of background tabs is load.
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (document.hidden && event.detail.elt.hasAttribute("data-live-poll")) {
      event.preventDefault();
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
