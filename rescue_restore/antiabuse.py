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

import ipaddress
import time
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django_ratelimit.core import get_usage

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
_SALT = "rescue_restore.antiabuse.form_started"
MAX_FORM_AGE_SECONDS = 60 * 60 * 24

REJECTED_MESSAGE = "We could not accept this form. Please reload the page and try again."


class HoneypotInput(forms.TextInput):
    """Marker widget: the USWDS template pack renders it off-screen and aria-hidden."""

    is_honeypot = True

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


def signed_start_time():
    """The current time, signed, to put in the form when it is shown."""
    return signing.TimestampSigner(salt=_SALT).sign(str(int(time.time())))


class AntiAbuseFormMixin(forms.Form):
    """Adds the honeypot and signed start-time checks to a form.

    A failed check is a form-wide error and the form is invalid, so nothing
    is stored. The message is deliberately vague: it tells a person what to
    do, and tells a bot nothing about which check caught it.
    """

    website = forms.CharField(required=False, widget=HoneypotInput(), label="Leave this field empty")
    form_started = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial[STARTED_FIELD] = signed_start_time()
        # The honeypot and timestamp go last so real fields keep their order.
        for name in (HONEYPOT_FIELD, STARTED_FIELD):
            self.fields[name] = self.fields.pop(name)

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(REJECTED_MESSAGE, code="honeypot")
        token = self.data.get(self.add_prefix(STARTED_FIELD), "")
        try:
            started = int(signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_FORM_AGE_SECONDS))
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(REJECTED_MESSAGE, code="stale_or_forged") from None
        if time.time() - started < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(REJECTED_MESSAGE, code="too_fast")
        return cleaned


def client_ip(request):
    """The visitor's address, as rate limits should count it.

    Behind ``TRUSTED_PROXY_HOPS`` reverse proxies, ``REMOTE_ADDR`` is the
    nearest proxy, so every visitor would share one count. Each trusted proxy
    appends the address it saw to X-Forwarded-For; the entry that many places
    from the right is the one our own outermost proxy saw, which a visitor
    cannot forge (anything they send themselves sits further left).
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            candidate = forwarded[-hops]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a count key, not a bind address)


# Every POST, accepted or not, also counts against this multiple of a form's rate: enough for a
# person correcting mistakes, not for a script hammering the validation.
ATTEMPTS_PER_ACCEPTED = 6


def rate_limit(group, *, rate, key="ip"):
    """Refuse POSTs beyond ``rate`` accepted submissions per client with a 429 page.

    Only accepted submissions (answers below 400) count against ``rate``, so
    a person fixing the form's errors is not locked out by their mistakes
    (losing what they typed); every POST counts against ``ATTEMPTS_PER_ACCEPTED``
    times that. GETs are free. Counts live in the default cache, which is
    Redis wherever more than one process serves, so every worker sees the
    same count.
    """
    number, period = rate.split("/")
    attempts = f"{int(number) * ATTEMPTS_PER_ACCEPTED}/{period}"

    def over(request, name, limit, *, increment):
        """Whether this POST is over ``limit``; ``increment`` counts it, otherwise one more must fit."""
        usage = get_usage(request, group=f"rr:{name}", key=key, rate=limit, method="POST", increment=increment)
        if usage is None:  # RATELIMIT_ENABLE is off
            return False
        return usage["should_limit"] or (not increment and usage["count"] >= usage["limit"])

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            if over(request, f"{group}:attempts", attempts, increment=True) or over(
                request, group, rate, increment=False
            ):
                return render(request, "errors/429.html", status=429)
            response = view(request, *args, **kwargs)
            if response.status_code < 400:
                over(request, group, rate, increment=True)
            return response

        return wrapped

    return decorator
