"""A fresh CSRF token for each answer from the page cache, from one read of the system's randomness.

Django's ``get_token`` masks the visitor's CSRF secret with 32 characters drawn one at a time
through ``secrets.choice`` (32 reads of ``os.urandom``; 64 on a first visit, when it also makes the
secret). On an answer from the page cache that was the largest single cost: about 50 µs of a
300 µs catalog hit (docs/performance.md, "The CSRF token"). ``fresh_token`` makes the same token
(``mask + cipher``, 32 characters of ``CSRF_ALLOWED_CHARS`` each, the cipher being the secret
shifted by the mask) with the characters taken from one ``secrets.token_bytes`` read, so Django's
``CsrfViewMiddleware`` checks it unchanged. A byte is used only below the largest multiple of the
alphabet's size, so every character is equally likely, as with ``secrets.choice``.

It keeps ``get_token``'s contract with the middleware: the secret is in
``request.META["CSRF_COOKIE"]`` (made here on a first visit) and ``CSRF_COOKIE_NEEDS_UPDATE``
asks the middleware to send the cookie with the answer.
"""

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_ALPHABET_SIZE = len(CSRF_ALLOWED_CHARS)
_UNBIASED_BELOW = 256 - 256 % _ALPHABET_SIZE  # 248 for 62 characters
_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}


def random_chars(count: int) -> str:
    """``count`` characters of ``CSRF_ALLOWED_CHARS``, uniformly and independently chosen."""
    chars: list[str] = []
    while len(chars) < count:
        # A few bytes more than needed: about 3 % of bytes are passed over.
        for byte in secrets.token_bytes(count - len(chars) + 8):
            if byte < _UNBIASED_BELOW:
                chars.append(CSRF_ALLOWED_CHARS[byte % _ALPHABET_SIZE])
                if len(chars) == count:
                    break
    return "".join(chars)


def fresh_token(request: HttpRequest) -> str:
    """What ``django.middleware.csrf.get_token(request)`` returns, made with one read of randomness."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        secret = request.META["CSRF_COOKIE"] = random_chars(CSRF_SECRET_LENGTH)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_chars(CSRF_SECRET_LENGTH)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[secret_char] + _INDEX[mask_char]) % _ALPHABET_SIZE]
        for secret_char, mask_char in zip(secret, mask, strict=True)
    )
    return mask + cipher
