"""Defences every public form shares: a honeypot, a signed start time, rate limits.

Usage in an app::

    class ContactForm(AntiAbuseFormMixin, forms.ModelForm): ...

    @rate_limit("contact", rate="5/h")   # on the view; POSTs only
    def contact(request): ...

The honeypot is a text field people never see (hidden by CSS and from
assistive technology); bots that fill every field fill it. The start time is
signed when the form is first shown, so a bot cannot post a form it never
loaded, or post it faster than a person could read it.
"""

import hashlib
import ipaddress
import re
import time
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, Concatenate, cast

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rescue_restore.web import cache_health, form_clock
from rescue_restore.web.cache_health import shared_cache_failed, shared_cache_usable
from rescue_restore.web.form_clock import signed_start_time

HONEYPOT_FIELD = "website"
STARTED_FIELD = form_clock.FIELD

REJECTED_MESSAGE = _("We could not accept this form. Please reload the page and try again.")
# A person who filled the form in faster than FORM_MIN_FILL_SECONDS (autofill, then a quick click), or left it
# open longer than form_clock.MAX_FORM_AGE_SECONDS: what they typed is shown again, and sending it again works.
SEND_AGAIN_MESSAGE = _("Please check what you typed below and send the form again.")


class HoneypotInput(forms.TextInput):
    """Marker widget: the USWDS template pack renders it off-screen and aria-hidden."""

    is_honeypot = True

    def __init__(self) -> None:
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


class AntiAbuseFormMixin(forms.Form):
    """Adds the honeypot and signed start-time checks to a form.

    A failed check is a form-wide error and the form is invalid, so nothing
    is stored. The message is deliberately vague: it tells a person what to
    do, and tells a bot nothing about which check caught it.
    """

    website = forms.CharField(required=False, widget=HoneypotInput(), label=_("Leave this field empty"))
    form_started = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial[STARTED_FIELD] = signed_start_time()
        # The honeypot and timestamp go last so real fields keep their order.
        for name in (HONEYPOT_FIELD, STARTED_FIELD):
            self.fields[name] = self.fields.pop(name)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(REJECTED_MESSAGE, code="honeypot")
        token = self.data.get(self.add_prefix(STARTED_FIELD), "")
        try:
            started = form_clock.started_at(token)
        except (signing.BadSignature, ValueError):
            # Left open for a day, or not a time we signed: the form is shown again with a new start time,
            # so a person sends it again as it is (a bot still has to load the page and wait).
            self._restart_clock()
            raise forms.ValidationError(SEND_AGAIN_MESSAGE, code="stale_or_forged") from None
        if time.time() - started < settings.FORM_MIN_FILL_SECONDS:
            # The start time it carries is kept: by the time a person has read the message, it is old enough.
            raise forms.ValidationError(SEND_AGAIN_MESSAGE, code="too_fast")
        return cleaned

    def _restart_clock(self) -> None:
        data = cast(QueryDict | dict[str, Any], self.data).copy()  # a request's QueryDict, or a dict in tests
        data[self.add_prefix(STARTED_FIELD)] = signed_start_time()
        self.data = data


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, as rate limits should count it.

    Forwarded headers are believed only from a direct peer (``REMOTE_ADDR``)
    in ``TRUSTED_PROXIES``: reached any other way, a forged X-Forwarded-For
    would give every request a new address. Behind our proxies, each one
    appends the address it saw, so the list is read from the right, past
    every entry that is itself one of our proxies; the first address that is
    not ours is the visitor. Anything further left is whatever the visitor
    sent, and is ignored.
    """
    peer = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a count key, not a bind address)
    if not _is_trusted_proxy(peer):
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    client = peer
    for candidate in reversed(forwarded):
        try:
            client = str(ipaddress.ip_address(candidate))
        except ValueError:
            return client  # garbage from the visitor: count the last address we can vouch for
        if not _is_trusted_proxy(client):
            return client
    return client


# Where a believed X-Forwarded-Proto is passed on to Django (settings.SECURE_PROXY_SSL_HEADER).
TRUSTED_PROTO_META = "HTTP_X_RR_TRUSTED_FORWARDED_PROTO"


class TrustedForwardedProtoMiddleware:
    """Believe ``X-Forwarded-Proto`` only from a direct peer in ``TRUSTED_PROXIES``, as ``client_ip`` does.

    Django's ``SECURE_PROXY_SSL_HEADER`` believes the header from anyone, so a
    visitor reaching gunicorn directly could call a plain-HTTP request secure.
    The header Django reads is one no proxy sends: this middleware removes it
    from every request and copies ``X-Forwarded-Proto`` into it only when the
    peer is one of our proxies.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        meta = request.META
        meta.pop(TRUSTED_PROTO_META, None)
        proto = meta.get("HTTP_X_FORWARDED_PROTO")
        if proto and _is_trusted_proxy(meta.get("REMOTE_ADDR") or ""):
            # A proxy chain may list several ("https, http"): the one nearest us is last.
            meta[TRUSTED_PROTO_META] = proto.split(",")[-1].strip().lower()
        return self.get_response(request)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 from a dual-stack socket
    return any(ip.version == network.version and ip in network for network in settings.TRUSTED_PROXIES)


# Every POST, accepted or not, also counts against this multiple of a form's rate: enough for a
# person correcting mistakes, not for a script hammering the validation.
ATTEMPTS_PER_ACCEPTED = 6

_PERIODS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
_RATE = re.compile(r"(?P<number>\d+)/(?P<multiplier>\d*)(?P<unit>[smhd])")
# Used only while the shared cache cannot be reached: each process counts on its own.
_fallback = LocMemCache("rescue_restore.antiabuse.fallback", {"OPTIONS": {"MAX_ENTRIES": 100_000}})


def reset_fallback() -> None:
    """Forget the per-process counters and that the shared cache was down (for tests)."""
    _fallback.clear()
    cache_health.reset()


def parse_rate(rate: str) -> tuple[int, int]:
    """``"10/h"`` -> ``(10, 3600)``; ``"5/10m"`` -> ``(5, 600)``."""
    match = _RATE.fullmatch(rate)
    if not match:
        raise ValueError(f"Not a rate: {rate!r} (use e.g. 10/h or 5/10m)")
    return int(match["number"]), int(match["multiplier"] or 1) * _PERIODS[match["unit"]]


def _counter_key(name: str, ident: str, period: int) -> str:
    window = int(time.time() // period)
    digest = hashlib.sha256(f"{name}:{ident}".encode()).hexdigest()[:32]
    return f"rr:rl:{name}:{period}:{window}:{digest}"


def _redis_client(store: BaseCache) -> Any | None:
    """The redis-py client behind ``store`` when it is django-redis's cache, else None."""
    client = getattr(store, "client", None)
    get_client = getattr(client, "get_client", None)
    return get_client(write=True) if callable(get_client) else None


def _add_in(store: BaseCache, key: str, delta: int, period: int) -> int:
    """Add ``delta`` to one counter of ``store`` with the cache API (``add``, else ``incr``)."""
    if delta > 0 and store.add(key, delta, period + 60):
        return delta
    try:
        return store.incr(key, delta)
    except ValueError:  # expired between add and incr (or released after expiry)
        if delta < 0:
            return 0
        store.add(key, delta, period + 60)
        return delta


def _add_to_each(keys: Sequence[str], delta: int, period: int) -> list[int]:
    """Add ``delta`` to each counter in ``keys`` and return their new values, atomically.

    In Redis an increase is one round trip for all the keys: a transaction that creates each
    counter at 0 with its expiry if it is not there, then adds (``SET NX EX`` and ``INCRBY``: the
    expiry is never lost, even when a counter expires between the two). A decrease, or another
    cache, goes through ``_add_in``. If Redis cannot be reached, each process counts on its own.
    """
    if shared_cache_usable():
        store = caches[settings.RATELIMIT_USE_CACHE]
        try:
            client = _redis_client(store)
            if client is None or delta <= 0:
                return [_add_in(store, key, delta, period) for key in keys]
            transaction = client.pipeline(transaction=True)
            for key in keys:
                stored_key = store.make_and_validate_key(key)
                transaction.set(stored_key, 0, ex=period + 60, nx=True)
                transaction.incrby(stored_key, delta)
            return [int(value) for value in transaction.execute()[1::2]]
        except Exception as error:  # Redis down or unreachable: the site keeps taking forms
            shared_cache_failed(error)
    return [_add_in(_fallback, key, delta, period) for key in keys]


def _add(key: str, delta: int, period: int) -> int:
    """Add ``delta`` to one counter and return its new value, atomically (``_add_to_each``)."""
    return _add_to_each((key,), delta, period)[0]


def count_attempt(name: str, ident: str, rate: str) -> bool:
    """Count one attempt by ``ident`` under ``name``; True when it goes over ``rate`` (atomic, as above)."""
    limit, period = parse_rate(rate)
    return _add(_counter_key(name, ident, period), 1, period) > limit


def add_to_count(name: str, ident: str, period: int, delta: int = 1) -> int:
    """Add ``delta`` (0 reads) to ``ident``'s count under ``name`` in the current ``period``-second window."""
    return _add(_counter_key(name, ident, period), delta, period)


# Whom a rate limit counts: "ip" (``client_ip``) or a function of the request.
type RateKey = str | Callable[[HttpRequest], object]
# A view function: the request, then its URL arguments.
type View[**P] = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def _identity(request: HttpRequest, key: RateKey) -> str:
    if callable(key):
        return str(key(request))
    if key == "ip":
        return client_ip(request)
    raise ValueError(f"Unknown rate-limit key {key!r}")


def rate_limit[**P](
    group: str,
    *,
    rate: str | Callable[[], str],
    key: RateKey = "ip",
    replay: Callable[[HttpRequest], HttpResponseBase | None] | None = None,
) -> Callable[[View[P]], View[P]]:
    """Refuse POSTs beyond ``rate`` accepted submissions per client with a 429 page.

    Only accepted submissions (answers below 400) count against ``rate``, so
    a person fixing the form's errors is not locked out by their mistakes
    (losing what they typed); every POST counts against ``ATTEMPTS_PER_ACCEPTED``
    times that. GETs are free.

    The count is atomic: each POST first takes a place among the attempts and
    the accepted (one round trip to Redis, ``_add_to_each``), then the answer is
    decided on the numbers it got, and a POST that is refused, or that the view
    answers with an error, gives its place back. So 200 simultaneous
    sign-ups against a limit of 10 let exactly 10 through, whatever the
    timing. Counts live in the default cache, Redis wherever more than one
    process serves; if it cannot be reached, each process counts on its own
    (logged once a minute) rather than refusing or failing every form.

    ``replay(request)`` may return a response for a POST that repeats one
    already accepted (a double click on an order): that answer is given
    instead of the 429 page, and is not counted.

    ``rate`` may be a callable returning the rate, read at each request (a
    setting an operator tunes, which tests change).
    """
    if not callable(rate):
        parse_rate(rate)  # a typo fails at import, not at the first POST

    def decorator(view: View[P]) -> View[P]:
        @wraps(view)
        def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if request.method != "POST" or not settings.RATELIMIT_ENABLE:
                return view(request, *args, **kwargs)
            number, period = parse_rate(rate() if callable(rate) else rate)
            attempts_limit = number * ATTEMPTS_PER_ACCEPTED
            ident = _identity(request, key)
            attempts_key = _counter_key(f"{group}:attempts", ident, period)
            accepted_key = _counter_key(group, ident, period)
            attempts, accepted = _add_to_each((attempts_key, accepted_key), 1, period)
            over = attempts > attempts_limit or accepted > number
            if over:
                _add(accepted_key, -1, period)  # refused: its place goes back
                repeated = replay(request) if replay else None
                return repeated or render(request, "errors/429.html", status=429)
            response = view(request, *args, **kwargs)
            if response.status_code >= 400:
                _add(accepted_key, -1, period)  # not accepted: its place goes back
            return response

        return wrapped

    return decorator
