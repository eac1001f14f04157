"""Signed links: confirm a sign-up, confirm a new address, manage preferences, unsubscribe.

Each kind has its own salt, so a token made for one purpose is refused by the
others. Confirmation tokens carry a nonce stored on the subscriber and cleared
when used, and expire with the sign-up (7 days): a replayed or old link is
refused.

Personal links (preferences and unsubscribe) are minted afresh for every
email (``make_preferences_token``) and carry no readable subscriber id: the id
and the moment the link was made are encrypted (a keyed HMAC-SHA256 stream
with a random 96-bit nonce) and authenticated (HMAC-SHA256, 96 bits), under
keys derived from ``SECRET_KEY`` (and its fallbacks, when reading). What a
link may do is decided when it is used (``listserv.services.subscriber_for_link``):
unsubscribing in one click works for any genuine link, however old (RFC 8058);
the preferences page (topics, language, address) only for a link made within
``LISTSERV_LINK_MANAGE_DAYS`` and after the subscriber's ``links_revoked_at``.
The older ``<id>:<signature>`` links, in mail sent before this format, still
unsubscribe and do nothing else.
"""

import hmac
import secrets
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

from listserv.models import Subscriber

CONFIRM_SALT = "listserv.confirm"
ADDRESS_SALT = "listserv.change-address"
PREFERENCES_SALT = "listserv.preferences"
MAX_AGE = int(Subscriber.SIGNUP_LIFETIME.total_seconds())


class InvalidTokenError(Exception):
    """Forged, expired, used or otherwise unusable link."""


def make_confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "n": subscriber.confirmation_nonce}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> tuple[int, str]:
    """``(subscriber_id, nonce)``; ``InvalidTokenError`` if forged or older than the sign-up lifetime."""
    data = _loads(token, CONFIRM_SALT, MAX_AGE)
    return data["s"], data["n"]


def make_address_token(subscriber: Subscriber, new_email: str) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "e": new_email, "n": subscriber.address_change_nonce}, salt=ADDRESS_SALT, compress=True
    )


def read_address_token(token: str) -> tuple[int, str, str]:
    data = _loads(token, ADDRESS_SALT, MAX_AGE)
    return data["s"], data["e"], data["n"]


LINK_SALT = "listserv.personal-link"
_LINK_VERSION = b"\x01"
_NONCE_BYTES, _MAC_BYTES = 12, 12
_PLAIN = struct.Struct(">QHI")  # subscriber id; the issue time in milliseconds, split 16 + 32 bits
_LINK_BYTES = len(_LINK_VERSION) + _NONCE_BYTES + _PLAIN.size + _MAC_BYTES


@dataclass(frozen=True)
class PersonalLink:
    subscriber_id: int
    issued_at: datetime | None  # None: an old-format link (unsubscribe only)

    @property
    def is_legacy(self) -> bool:
        return self.issued_at is None


def _keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _pad(nonce: bytes, secret: str) -> bytes:
    return salted_hmac(f"{LINK_SALT}.pad", nonce, secret=secret, algorithm="sha256").digest()[: _PLAIN.size]


def _mac(message: bytes, secret: str) -> bytes:
    return salted_hmac(f"{LINK_SALT}.mac", message, secret=secret, algorithm="sha256").digest()[:_MAC_BYTES]


def make_preferences_token(subscriber: Subscriber | int, now: datetime | None = None) -> str:
    """A new personal link token for ``subscriber`` (or its id), made now; a different one every call."""
    subscriber_id = subscriber.pk if isinstance(subscriber, Subscriber) else subscriber
    issued_ms = int((now or timezone.now()).timestamp() * 1000)
    plain = _PLAIN.pack(int(subscriber_id), issued_ms >> 32, issued_ms & 0xFFFFFFFF)
    nonce = secrets.token_bytes(_NONCE_BYTES)
    cipher = bytes(a ^ b for a, b in zip(plain, _pad(nonce, settings.SECRET_KEY), strict=True))
    body = _LINK_VERSION + nonce + cipher
    return urlsafe_b64encode(body + _mac(body, settings.SECRET_KEY)).rstrip(b"=").decode()


def read_personal_link(token: str) -> PersonalLink:
    """The ``PersonalLink`` in a genuine token; ``InvalidTokenError`` for anything forged, cut or garbled."""
    if ":" in token:
        return PersonalLink(_read_legacy(token), None)
    try:
        raw = urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        raise InvalidTokenError from None
    if len(raw) != _LINK_BYTES or raw[:1] != _LINK_VERSION:
        raise InvalidTokenError
    body, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    for secret in _keys():
        if hmac.compare_digest(mac, _mac(body, secret)):
            nonce, cipher = body[1 : 1 + _NONCE_BYTES], body[1 + _NONCE_BYTES :]
            plain = bytes(a ^ b for a, b in zip(cipher, _pad(nonce, secret), strict=True))
            subscriber_id, high, low = _PLAIN.unpack(plain)
            issued_at = datetime.fromtimestamp(((high << 32) | low) / 1000, tz=UTC)
            return PersonalLink(subscriber_id, issued_at)
    raise InvalidTokenError


def _read_legacy(token: str) -> int:
    try:
        return int(signing.Signer(salt=PREFERENCES_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidTokenError from None


def _loads(token: str, salt: str, max_age: int) -> dict[str, Any]:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise InvalidTokenError from None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise InvalidTokenError
    return data
