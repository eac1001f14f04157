"""The signed start time a public form carries: when the visitor was shown the form.

Made when a form is shown (rescue_restore.web.antiabuse) and afresh on every answer the page
cache gives (rescue_restore.web.pagecache, a per-visit field), checked when the form is posted.
"""

import time

from django.conf import settings
from django.core import signing

FIELD = "form_started"
# The salt keeps the spelling it had before the module moved: forms open during a deploy still verify.
_SALT = "rescue_restore.antiabuse.form_started"
MAX_FORM_AGE_SECONDS = 60 * 60 * 24


_last_signed: dict[tuple[int, str], str] = {}


def signed_start_time() -> str:
    """The current time, signed, to put in the form when it is shown.

    The value and its signature change once a second (both are whole seconds), so a process signs
    once a second, not once a form: every answer from the page cache on a form page needs one.
    """
    now = int(time.time())
    key = (now, settings.SECRET_KEY)
    token = _last_signed.get(key)
    if token is None:
        token = signing.TimestampSigner(salt=_SALT).sign(str(now))
        _last_signed.clear()
        _last_signed[key] = token
    return token


def started_at(token: str) -> int:
    """The time (seconds) ``token`` was signed; ``signing.BadSignature`` or ``ValueError`` if not ours or too old."""
    return int(signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_FORM_AGE_SECONDS))
