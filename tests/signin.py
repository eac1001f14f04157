"""Sign a staff member in the way the admin requires: password step, then a real second factor.

``sign_in(client, user)`` does the password step with ``force_login`` (the
password hasher is slow on purpose, and lockout tests cover that step), then
verifies a real TOTP device through django-otp's own path: a code computed
from the device's key, checked by ``device.verify_token``, and
``django_otp.login`` on the client's session. No setting bypasses a factor.
"""

import django_otp
from django.http import HttpRequest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

TEST_DEVICE_NAME = "Test authenticator app"


def current_code(device):
    """The code the device's app would show now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def sign_in(client, user):
    """Sign ``user`` in on ``client`` with a password step and a verified TOTP device; return the device."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device, _created = TOTPDevice.objects.get_or_create(user=user, name=TEST_DEVICE_NAME, defaults={"confirmed": True})
    # A code is accepted once per 30-second step; a second sign-in in the same step starts afresh.
    device.last_t = -1
    device.throttle_reset(commit=False)
    device.save()
    assert device.verify_token(current_code(device)), "the computed code should verify"
    request = HttpRequest()
    request.session = client.session
    request.user = user
    django_otp.login(request, device)
    request.session.save()
    return device
