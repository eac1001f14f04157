// Tables in the staff admin that scroll sideways on a narrow screen (history and item rows under an order or a
// request) must be reachable by keyboard (WCAG 2.1.1; axe "scrollable-region-focusable"). Each one that does
// scroll becomes a named, focusable region, so arrow keys scroll it; one that fits is left alone.
(function () {
  "use strict";

  var SELECTOR = ".inline-group .wrapper, .rr-scroll-region";

  function nameFor(region) {
    var group = region.closest("fieldset, section, .inline-group");
    var heading = group && group.querySelector("h2, h3, legend, caption");
    return heading ? heading.textContent.trim() : "Scrollable table";
  }

  function update() {
    var regions = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      var scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
      if (scrolls && !region.hasAttribute("tabindex")) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", nameFor(region));
        region.setAttribute("data-rr-scroll-region", "");
      } else if (!scrolls && region.hasAttribute("data-rr-scroll-region")) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
        region.removeAttribute("data-rr-scroll-region");
      }
    }
  }

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 150);
  });
  // The Markdown preview changes height as it fills; it asks for a re-check through this event.
  document.addEventListener("rr:content-changed", update);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
