// Rescue & Restore: the quick exit ("Emergency Exit this page"), after the
// GOV.UK "Exit this page" component.
//
// Without JavaScript the [data-quick-exit] link is a plain link to a neutral
// site. With it:
// - a blank overlay saying "Loading." hides the page at once while leaving;
// - pressing Shift three times (within 5 seconds each) leaves too;
// - leaving also takes this site out of the Back button: the exit first steps
//   back to the first page of the site the visitor opened, then replaces that
//   entry with the neutral site. Back from the neutral site goes to whatever
//   the visitor had open before this site.
//   Where the browser has the Navigation API, it names that first page (the
//   oldest entry of this origin next to the current one) and says whether the
//   step back was refused; elsewhere every page records its place in the tab's
//   history and a timer leaves from here if the step back never starts.
// Loaded as an external file (no inline handlers, no eval), so it works under
// the strict CSP.
(function () {
  "use strict";

  var SHIFT_PRESSES = 3;
  var SHIFT_TIMEOUT_MS = 5000;
  // An exit in progress survives the step back through history for this long
  // only; a stale flag must never throw a later visit off the site.
  var EXIT_FLAG_MAX_AGE_MS = 10000;
  var STORE_FIRST = "rr-first-history-index";
  var STORE_EXIT = "rr-exit";

  var store = (function () {
    try {
      var probe = "rr-probe";
      window.sessionStorage.setItem(probe, probe);
      window.sessionStorage.removeItem(probe);
      return window.sessionStorage;
    } catch (error) {
      return null; // storage disabled: fall back to replacing the current page only
    }
  })();

  // ---------------------------------------------------------------------------
  // Where this page sits in the tab's history
  // ---------------------------------------------------------------------------
  function historyIndex() {
    var state = window.history.state;
    if (state && typeof state.rrHistoryIndex === "number") {
      return state.rrHistoryIndex; // back, forward or reload: the index recorded when the page was first opened
    }
    // A new navigation appends one entry (and drops any forward entries).
    var index = window.history.length - 1;
    try {
      var next = state && typeof state === "object" ? Object.assign({}, state) : {};
      next.rrHistoryIndex = index;
      window.history.replaceState(next, "");
    } catch (error) {
      // replaceState can refuse (e.g. sandboxed frames); the exit then replaces this page only.
    }
    return index;
  }

  function rememberFirstIndex(index) {
    if (!store) {
      return;
    }
    var first = parseInt(store.getItem(STORE_FIRST), 10);
    if (isNaN(first) || index < first) {
      store.setItem(STORE_FIRST, String(index));
    }
  }

  var currentIndex = historyIndex();
  rememberFirstIndex(currentIndex);

  // ---------------------------------------------------------------------------
  // Leaving
  // ---------------------------------------------------------------------------
  var overlay = null;
  var fallbackTimer = null;

  // The words the script says, in the page's language: the quick exit band
  // carries them as data-text-* attributes (templates/includes/quick_exit.html).
  function say(name, english) {
    var band = document.querySelector("[data-quick-exit-band]");
    return (band && band.getAttribute("data-text-" + name)) || english;
  }

  function showOverlay() {
    if (overlay || !document.body) {
      return;
    }
    overlay = document.createElement("div");
    overlay.className = "rr-exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.appendChild(overlay);
    document.body.classList.add("rr-exit-hide-content");
    // Text set after insertion: screen readers announce the alert more reliably.
    overlay.textContent = say("loading", "Loading.");
    document.title = say("loading-title", "Loading");
  }

  function hideOverlay() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (document.body) {
      document.body.classList.remove("rr-exit-hide-content");
    }
  }

  // The Navigation API lists this tab's entries of this origin next to the
  // current one: the first of them is the first page of this visit to the site.
  function firstEntryOfThisVisit() {
    var nav = window.navigation;
    if (!nav || typeof nav.entries !== "function" || typeof nav.traverseTo !== "function" || !nav.currentEntry) {
      return null;
    }
    var entries = nav.entries();
    return entries.length ? entries[0] : null;
  }

  function leaveTo(href) {
    showOverlay();
    var first = store ? firstEntryOfThisVisit() : null;
    if (first) {
      store.removeItem(STORE_FIRST);
      if (first.key === window.navigation.currentEntry.key) {
        window.location.replace(href);
        return;
      }
      store.setItem(STORE_EXIT, JSON.stringify({ href: href, at: Date.now() }));
      // No timer: the promise rejects if the step back is refused or cancelled (leave from
      // here then); a step back that is merely slow is waited for.
      var result = window.navigation.traverseTo(first.key);
      result.committed.catch(function () {
        store.removeItem(STORE_EXIT);
        window.location.replace(href);
      });
      result.finished.catch(function () {});
      return;
    }
    leaveByHistoryIndex(href);
  }

  function leaveByHistoryIndex(href) {
    var steps = 0;
    if (store) {
      var first = parseInt(store.getItem(STORE_FIRST), 10);
      steps = isNaN(first) ? 0 : currentIndex - first;
      store.removeItem(STORE_FIRST);
    }
    if (steps > 0 && store) {
      store.setItem(STORE_EXIT, JSON.stringify({ href: href, at: Date.now() }));
      // If the step back did not happen (history trimmed, blocked), leave from here.
      // Only if it did not *start*: a step back still loading the first page (a slow
      // connection or server) must not be cut short by replacing this page instead,
      // which would leave the site's other pages behind the Back button.
      window.addEventListener("beforeunload", cancelFallback);
      if (window.navigation) {
        window.navigation.addEventListener("navigate", cancelFallback);
      }
      fallbackTimer = window.setTimeout(function () {
        window.location.replace(href);
      }, 1500);
      window.history.go(-steps);
    } else {
      window.location.replace(href);
    }
  }

  function cancelFallback() {
    window.clearTimeout(fallbackTimer);
  }

  function pendingExit() {
    if (!store) {
      return null;
    }
    var raw = store.getItem(STORE_EXIT);
    store.removeItem(STORE_EXIT);
    try {
      var exit = JSON.parse(raw);
      if (exit && typeof exit.href === "string" && Date.now() - exit.at < EXIT_FLAG_MAX_AGE_MS) {
        return exit.href;
      }
    } catch (error) {
      // malformed flag: ignore it
    }
    return null;
  }

  function quickExitLink() {
    return document.querySelector("a[data-quick-exit]");
  }

  // Arriving on the first page of the site in the middle of an exit: finish it.
  // "pageshow" also covers a page restored from the back-forward cache, where
  // this script does not run again (and where a stale overlay must be removed).
  function onShow() {
    window.clearTimeout(fallbackTimer);
    var href = pendingExit();
    if (href) {
      showOverlay();
      window.location.replace(href);
    } else {
      hideOverlay();
    }
  }
  window.addEventListener("pageshow", onShow);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-quick-exit]");
    // Let modified clicks (new tab or window) behave as the browser intends.
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    leaveTo(link.href);
  });

  // ---------------------------------------------------------------------------
  // Shift pressed three times (GOV.UK's shortcut). Shift used as a modifier
  // (Shift+A) fires a keyup for A with shiftKey set, then one for Shift: the
  // Shift keyup that follows a modified key does not count.
  // ---------------------------------------------------------------------------
  var shiftCount = 0;
  var lastKeyWasModified = false;
  var shiftTimer = null;
  var status = null;

  function announce(text) {
    if (!status) {
      var band = document.querySelector("[data-quick-exit-band]");
      if (!band) {
        return;
      }
      status = document.createElement("span");
      status.className = "usa-sr-only";
      status.setAttribute("role", "status");
      band.appendChild(status);
    }
    status.textContent = text;
  }

  function resetShift(timedOut) {
    window.clearTimeout(shiftTimer);
    shiftTimer = null;
    shiftCount = 0;
    announce(timedOut ? say("expired", "Exit this page expired.") : "");
  }

  document.addEventListener(
    "keyup",
    function (event) {
      var link = quickExitLink();
      if (!link) {
        return; // only pages that show the control offer the shortcut
      }
      if (event.key === "Shift" && !lastKeyWasModified) {
        shiftCount += 1;
        window.clearTimeout(shiftTimer);
        if (shiftCount >= SHIFT_PRESSES) {
          resetShift(false);
          leaveTo(link.href);
        } else {
          announce(
            shiftCount === 1
              ? say("shift-2", "Shift, press 2 more times to exit.")
              : say("shift-1", "Shift, press 1 more time to exit.")
          );
          shiftTimer = window.setTimeout(function () {
            resetShift(true);
          }, SHIFT_TIMEOUT_MS);
        }
      } else if (shiftTimer) {
        resetShift(false);
      }
      lastKeyWasModified = event.shiftKey;
    },
    true
  );

  // ---------------------------------------------------------------------------
  // Keep --rr-quick-exit-height equal to the band's height: the phone menu opens
  // below it and focused elements scroll clear of it, whatever the text size.
  // ---------------------------------------------------------------------------
  function trackBandHeight() {
    var band = document.querySelector("[data-quick-exit-band]");
    if (!band) {
      return;
    }
    var update = function () {
      document.documentElement.style.setProperty("--rr-quick-exit-height", band.offsetHeight + "px");
    };
    update();
    if (window.ResizeObserver) {
      new window.ResizeObserver(update).observe(band);
    } else {
      window.addEventListener("resize", update);
    }
  }

  // ---------------------------------------------------------------------------
  // A form sent back with errors: move focus to its error summary, so keyboard
  // and screen reader users start from the list of problems, not the top of the
  // page. (The summary has tabindex="-1" and role="alert"; see templates/uswds/errors.html.)
  // ---------------------------------------------------------------------------
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  function onReady() {
    trackBandHeight();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();

// The order list's "in your order" states. A catalog or material page may come from the page
// cache, the same for every visitor; the order summary in it is made for this visitor and names the
// editions they chose (data-chosen-editions). Each edition's two states are in the page: show the
// chosen one for those. Without JavaScript the summary still shows, and "Add to my order" on an
// edition already chosen says so.
(function () {
  "use strict";

  function markChosen() {
    var summary = document.querySelector("[data-chosen-editions]");
    var chosen = summary ? summary.getAttribute("data-chosen-editions").split(" ") : [];
    var choices = document.querySelectorAll(".rr-choice[data-edition]");
    for (var index = 0; index < choices.length; index += 1) {
      var isChosen = chosen.indexOf(choices[index].getAttribute("data-edition")) !== -1;
      choices[index].querySelector(".rr-choice__chosen").hidden = !isChosen;
      choices[index].querySelector(".rr-choice__open").hidden = isChosen;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markChosen);
  } else {
    markChosen();
  }
})();
