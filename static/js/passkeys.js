// After a passkey is added (django-otp-webauthn's script fires this event),
// go on to the page the container names: the user's factors, where recovery
// codes are offered. A file of our own, so the CSP needs no inline script.
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function () {
    var container = document.querySelector("[data-after-passkey]");
    if (container) {
      window.location.assign(container.getAttribute("data-after-passkey"));
    }
  });
})();
