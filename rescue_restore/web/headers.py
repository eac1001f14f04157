"""Response headers the project adds itself: Permissions-Policy.

Django sets the other security headers (CSP, nosniff, referrer, COOP, HSTS).
The Permissions-Policy turns off every powerful browser feature the site never
uses, so a compromised or third-party script could not ask a visitor for their
camera, location or payment details either. Static files get it through
whitenoise's header hook (``static_file_headers`` in settings), which answers
before this middleware runs.
"""

# Every feature here is off for this origin and for any frame.
DISABLED_FEATURES = (
    "accelerometer",
    "ambient-light-sensor",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
# Passkeys sign staff in (WebAuthn): the admin's own pages may ask for them.
SELF_FEATURES = ("publickey-credentials-create", "publickey-credentials-get")

PERMISSIONS_POLICY = ", ".join(
    [f"{feature}=()" for feature in DISABLED_FEATURES] + [f"{feature}=(self)" for feature in SELF_FEATURES]
)


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
