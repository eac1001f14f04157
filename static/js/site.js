// Rescue & Restore: "Leave this site quickly" enhancement.
// Without JS the [data-quick-exit] link still works as a normal link; this
// file only makes leaving faster and harder to trace. Loaded as an external
// file (no inline handlers, no eval) so it works under a strict CSP.
(function () {
  "use strict";

  var ESCAPE_PRESSES = 3; // Escape x3 is a common quick-exit convention...
  var ESCAPE_WINDOW_MS = 2000; // ...but must be deliberate, not one stray key.
  var escapeTimes = [];

  function quickExit(href) {
    // Blank the page first so nothing sensitive stays visible while the
    // neutral site loads (it can take a moment on a slow connection).
    document.title = "";
    if (document.body) {
      document.body.replaceChildren();
    }
    // replace() instead of a normal navigation: this page is dropped from
    // session history, so the Back button does not bring it back.
    window.location.replace(href);
  }

  document.addEventListener("click", function (event) {
    // Delegated, so a control added later (or in another template) still works.
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    // Let modified clicks (new tab/window) behave as the browser intends.
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    quickExit(link.href);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var now = Date.now();
    escapeTimes = escapeTimes.filter(function (t) { return now - t < ESCAPE_WINDOW_MS; });
    escapeTimes.push(now);
    var link = document.querySelector("a[data-quick-exit]");
    // Only pages that show the control opt in to the shortcut.
    if (escapeTimes.length >= ESCAPE_PRESSES && link) {
      quickExit(link.href);
    }
  });
})();
