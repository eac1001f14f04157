"""What staff sign-in does: verify a second factor, enrol one, list, remove and reset them.

Three kinds of factor, all django-otp devices of the user:

- passkeys (django-otp-webauthn's ``WebAuthnCredential``): the primary,
  phishing-resistant factor (OMB M-22-09); their ceremonies run in the
  package's own views and JavaScript;
- an authenticator app (django-otp's ``TOTPDevice``): the fallback;
- recovery codes (django-otp's ``StaticDevice``): ten single-use codes, for
  the day the other factors are lost. They never count as the last factor.
"""

from base64 import b32encode
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import django_otp
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.utils import get_credential_model

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "Recovery codes"
AUTHENTICATOR_APP_NAME = "Authenticator app"


class FactorError(Exception):
    """A factor change that is refused; the message is shown to the person."""


def is_verified(user: User | AnonymousUser) -> bool:
    """Whether this request's user passed a second factor (False wherever OTPMiddleware did not run)."""
    check = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and check and check())


def primary_devices(user: User) -> list[Device]:
    """The user's confirmed passkeys and authenticator apps: the factors that can sign in day to day."""
    passkeys = list(get_credential_model().objects.filter(user=user, confirmed=True))
    apps = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    return passkeys + apps


def is_passkey(device: Device) -> bool:
    return isinstance(device, get_credential_model())


def has_primary_factor(user: User) -> bool:
    return bool(primary_devices(user))


def verify_code(request: HttpRequest, code: str) -> Device | None:
    """Verify a six-digit app code or a recovery code for ``request.user``; mark the session verified.

    Each device's own throttle applies (django-otp doubles the wait after
    every failure), and a recovery code is deleted when it is used. Returns
    the device that matched, or None.
    """
    user = request.user
    code = "".join(code.split()).lower()
    if not code:
        return None
    candidates = [*TOTPDevice.objects.filter(user=user, confirmed=True)]
    candidates += StaticDevice.objects.filter(user=user, confirmed=True)
    for device in candidates:
        allowed, _detail = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            django_otp.login(request, device)
            return device
    return None


def pending_authenticator_app(user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator app, created on first call: its key is shown until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_APP_NAME, confirmed=False)
    return device


def authenticator_app_key(device: TOTPDevice) -> str:
    """The app's secret as people type it (base32, in groups of four)."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def authenticator_app_qr_code(device: TOTPDevice) -> str:
    """The app's setup link as a QR code, an SVG data URI for an <img> (the CSP allows data: images)."""
    import segno

    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#1b1b1b", light="#ffffff")


@transaction.atomic
def confirm_authenticator_app(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Confirm a pending app with a code it shows; verifies the session. Returns True when the code was right."""
    if device.user_id != request.user.pk or device.confirmed:
        return False
    if not device.verify_token("".join(code.split())):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Any other pending app is abandoned now.
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    if not is_verified(request.user):
        django_otp.login(request, device)
    return True


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones and return them (shown once, stored only as tokens)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    left: int = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return left


@dataclass(frozen=True)
class Factor:
    kind: str  # "passkey", "app" or "recovery"
    pk: int
    name: str
    created_at: datetime | None
    last_used_at: datetime | None
    detail: str = ""


def factors_of(user: User) -> list[Factor]:
    """Every confirmed factor of the user, passkeys first, for the "your sign-in factors" page."""
    rows = [
        Factor("passkey", device.pk, device.name, device.created_at, device.last_used_at)
        for device in get_credential_model().objects.filter(user=user, confirmed=True).order_by("pk")
    ]
    rows += [
        Factor("app", device.pk, device.name, device.created_at, device.last_used_at)
        for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")
    ]
    for device in StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        left = device.token_set.count()
        rows.append(Factor("recovery", device.pk, device.name, device.created_at, device.last_used_at, str(left)))
    return rows


_MODELS: dict[str, Callable[[], type[Device]]] = {
    "passkey": get_credential_model,
    "app": lambda: TOTPDevice,
    "recovery": lambda: StaticDevice,
}


@transaction.atomic
def remove_factor(user: User, kind: str, pk: int | str) -> Device:
    """Delete one of the user's own factors; refuse the last passkey or app (enrol another first)."""
    model = _MODELS.get(kind)
    if model is None:
        raise FactorError(_("That sign-in factor does not exist."))
    device = model().objects.select_for_update().filter(user=user, pk=pk).first()
    if device is None:
        raise FactorError(_("That sign-in factor does not exist."))
    if kind != "recovery":
        others = [d for d in primary_devices(user) if d.persistent_id != device.persistent_id]
        if not others:
            raise FactorError(
                _("This is your last passkey or authenticator app. Add another one before you remove it.")
            )
    device.delete()
    return device


@transaction.atomic
def reset_factors(user: User) -> int:
    """Delete every factor of ``user`` (a superuser's reset): their next sign-in enrols anew.

    A session they verified with a deleted factor is no longer verified, so it
    reaches nothing but enrolment. Returns how many factors were deleted.
    """
    count = 0
    for model in (get_credential_model(), TOTPDevice, StaticDevice):
        devices = model.objects.filter(user=user)
        count += devices.count()
        devices.delete()
    return count
