// A live preview beside every Markdown editor in the staff admin (textarea[data-markdown-preview]).
// The server renders the text with the site's one Markdown renderer (rescue_restore/text/markdown.py, sanitized by
// nh3), so the preview is exactly what the public page or the bulletin will show. No inline script: the CSP
// allows only files from this site.
(function () {
  "use strict";

  var DELAY_MS = 400;

  function csrfToken(textarea) {
    var form = textarea.form;
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function setUp(textarea, index) {
    var url = textarea.getAttribute("data-markdown-preview");
    var wrapper = document.createElement("div");
    wrapper.className = "rr-markdown";
    textarea.parentNode.insertBefore(wrapper, textarea);
    wrapper.appendChild(textarea);

    var panel = document.createElement("section");
    panel.className = "rr-markdown__preview rr-scroll-region";
    var headingId = "rr-markdown-preview-heading-" + index;
    panel.setAttribute("aria-labelledby", headingId);
    var heading = document.createElement("h3");
    heading.id = headingId;
    heading.className = "rr-markdown__heading";
    heading.textContent = "Preview";
    var output = document.createElement("div");
    output.className = "rr-markdown__output";
    // Announced politely after a pause in typing, not on every keystroke.
    output.setAttribute("aria-live", "polite");
    panel.appendChild(heading);
    panel.appendChild(output);
    wrapper.appendChild(panel);

    var timer = null;
    var latest = 0;

    function refresh() {
      var request = ++latest;
      var body = new URLSearchParams();
      body.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea) },
        body: body
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (request === latest) {
            output.innerHTML = data.html; // sanitized by the server's allow-list
            if (!data.html.trim()) {
              output.textContent = "The preview appears here as you type.";
            }
            output.classList.toggle("rr-markdown__output--empty", !data.html.trim());
            output.classList.remove("rr-markdown__output--error");
            document.dispatchEvent(new CustomEvent("rr:content-changed"));
          }
        })
        .catch(function () {
          if (request === latest) {
            output.textContent = "The preview is not available right now. Your text is not affected.";
            output.classList.add("rr-markdown__output--error");
          }
        });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY_MS);
    });
    refresh();
  }

  function start() {
    var editors = document.querySelectorAll("textarea[data-markdown-preview]");
    for (var i = 0; i < editors.length; i++) {
      setUp(editors[i], i);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
