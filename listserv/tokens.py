"""Signed links: confirm a sign-up, confirm a new address, manage preferences, unsubscribe.

Each kind has its own salt, so a token made for one purpose is refused by the
others. Confirmation tokens carry a nonce stored on the subscriber and cleared
when used, and expire with the sign-up (7 days): a replayed or old link is
refused. Preference and unsubscribe tokens do not expire, because RFC 8058
expects an unsubscribe link in an old message to keep working.
"""

from django.core import signing

from listserv.models import Subscriber

CONFIRM_SALT = "listserv.confirm"
ADDRESS_SALT = "listserv.change-address"
PREFERENCES_SALT = "listserv.preferences"
MAX_AGE = int(Subscriber.SIGNUP_LIFETIME.total_seconds())


class InvalidTokenError(Exception):
    """Forged, expired, used or otherwise unusable link."""


def make_confirm_token(subscriber):
    return signing.dumps({"s": subscriber.pk, "n": subscriber.confirmation_nonce}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token):
    """``(subscriber_id, nonce)``; ``InvalidTokenError`` if forged or older than the sign-up lifetime."""
    data = _loads(token, CONFIRM_SALT, MAX_AGE)
    return data["s"], data["n"]


def make_address_token(subscriber, new_email):
    return signing.dumps(
        {"s": subscriber.pk, "e": new_email, "n": subscriber.address_change_nonce}, salt=ADDRESS_SALT, compress=True
    )


def read_address_token(token):
    data = _loads(token, ADDRESS_SALT, MAX_AGE)
    return data["s"], data["e"], data["n"]


def make_preferences_token(subscriber_id):
    return signing.Signer(salt=PREFERENCES_SALT).sign(str(subscriber_id))


def read_preferences_token(token):
    try:
        return int(signing.Signer(salt=PREFERENCES_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidTokenError from None


def _loads(token, salt, max_age):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        raise InvalidTokenError from None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise InvalidTokenError
    return data
