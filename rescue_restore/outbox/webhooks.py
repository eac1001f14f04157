"""The one email-provider webhook the site listens to: tracking for ``EMAIL_PROVIDER``.

Anymail ships a view for every provider it knows; mounting them all (its
``anymail.urls``) left a dozen endpoints for providers the site does not use,
and those answer 500 without credentials. Here only the configured provider's
tracking view answers; any other provider, and inbound mail (the site does
not take mail in), is 404.

The webhook secret (HTTP basic auth, and a provider's signature where it
signs) is checked first, by anymail's own validators, and a post without it
answers 400. Wrong credentials are a stranger's business, not an error: the
first of a burst is logged at WARNING and the rest of the burst
(``BURST_SECONDS``) only counted, instead of Django logging an ERROR for every
post; an address that keeps trying (``WRONG_CREDENTIALS_RATE``) is answered
429 before anything is checked. A body that is not
what the provider sends (not UTF-8, a NUL, not JSON, the wrong JSON shape, an
inbound-mail record on the tracking URL) answers 400, and so does a payload
anymail cannot read; the handlers run in one transaction, so such a body
stores nothing.
"""

import json
import logging
from collections.abc import Callable

from anymail.exceptions import AnymailWebhookValidationFailure
from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

from rescue_restore.web.antiabuse import add_to_count, client_ip, parse_rate

logger = logging.getLogger(__name__)

# Posts with wrong credentials one address may make before it is answered 429 without any check.
WRONG_CREDENTIALS_RATE = "10/10m"
# One WARNING line per provider per this many seconds of wrong-credential posts, however many arrive.
BURST_SECONDS = 10 * 60

TRACKING_VIEWS = {
    "amazon_ses": "anymail.webhooks.amazon_ses.AmazonSESTrackingWebhookView",
    "brevo": "anymail.webhooks.brevo.BrevoTrackingWebhookView",
    "mailgun": "anymail.webhooks.mailgun.MailgunTrackingWebhookView",
    "postmark": "anymail.webhooks.postmark.PostmarkTrackingWebhookView",
    "sendgrid": "anymail.webhooks.sendgrid.SendGridTrackingWebhookView",
}
# The top-level JSON each provider posts: SendGrid a list of events, the others one object.
BODY_SHAPES = {"sendgrid": list}
POSTMARK_TRACKING_RECORDS = {"Bounce", "Click", "Delivery", "Open", "SpamComplaint", "SubscriptionChange"}

_views: dict[str, Callable[..., HttpResponseBase]] = {}  # provider -> its tracking view, made once


def _view(provider):
    if provider not in _views:
        _views[provider] = csrf_exempt(import_string(TRACKING_VIEWS[provider]).as_view())
    return _views[provider]


def malformed(provider, body):
    """Why ``body`` cannot be a tracking post from ``provider``, or ``""`` if it may be."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    if "\x00" in text or "\\u0000" in text:
        return "NUL character"
    try:
        data = json.loads(text)
    except ValueError:
        return "not JSON"
    shape = BODY_SHAPES.get(provider, dict)
    records = data if shape is list else [data]
    if not isinstance(data, shape) or not records or not all(isinstance(record, dict) for record in records):
        return "unexpected JSON shape"
    if provider == "postmark" and data.get("RecordType") not in POSTMARK_TRACKING_RECORDS:
        return "not a Postmark tracking record"
    return ""


def _credentials_refused(request, provider):
    """Run anymail's validators (basic auth, signatures); True when they refuse the post."""
    try:
        import_string(TRACKING_VIEWS[provider])().run_validators(request)
    except AnymailWebhookValidationFailure:
        return True
    return False


def _over_wrong_credentials(address):
    limit, period = parse_rate(WRONG_CREDENTIALS_RATE)
    return add_to_count("rescue_restore.webhooks.wrong-credentials", address, period, 0) >= limit


def _wrong_credentials(address, provider):
    _limit, period = parse_rate(WRONG_CREDENTIALS_RATE)
    add_to_count("rescue_restore.webhooks.wrong-credentials", address, period)
    if add_to_count("rescue_restore.webhooks.wrong-credentials-burst", provider, BURST_SECONDS) == 1:
        logger.warning(
            "Refused a %s webhook post with wrong credentials; further ones in the next %d minutes are not logged "
            "(an address that keeps trying is answered 429)",
            provider,
            BURST_SECONDS // 60,
        )
    return HttpResponseBadRequest("Missing or invalid webhook credentials")


@csrf_exempt
def tracking(request, provider):
    """Hand a tracking post to anymail's view for the configured provider."""
    if provider != settings.EMAIL_PROVIDER or provider not in TRACKING_VIEWS:
        raise Http404("No webhook here")
    view = _view(provider)
    if request.method == "POST":
        address = client_ip(request)
        if settings.RATELIMIT_ENABLE and _over_wrong_credentials(address):
            return HttpResponse("Too many posts with wrong credentials", status=429, content_type="text/plain")
        if _credentials_refused(request, provider):
            return _wrong_credentials(address, provider)
        problem = malformed(provider, request.body)
        if problem:  # 400, as anymail answers a wrong secret: a stranger learns nothing either way
            logger.warning("Refused a %s webhook post: %s", provider, problem)
            return HttpResponseBadRequest("Malformed webhook body")
    try:
        with transaction.atomic():
            return view(request)
    except (KeyError, TypeError, ValueError, AttributeError, DatabaseError) as error:
        logger.warning("Refused a %s webhook post anymail could not read: %r", provider, error)
        return HttpResponseBadRequest("Malformed webhook body")
