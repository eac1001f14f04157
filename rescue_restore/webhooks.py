"""The one email-provider webhook the site listens to: tracking for ``EMAIL_PROVIDER``.

Anymail ships a view for every provider it knows; mounting them all (its
``anymail.urls``) left a dozen endpoints for providers the site does not use,
and those answer 500 without credentials. Here only the configured provider's
tracking view answers; any other provider, and inbound mail (the site does
not take mail in), is 404.

Anymail checks the webhook secret (HTTP basic auth) and answers 400 without
it. A body that is not
what the provider sends (not UTF-8, a NUL, not JSON, the wrong JSON shape, an
inbound-mail record on the tracking URL) answers 400, and so does a payload
anymail cannot read; the handlers run in one transaction, so such a body
stores nothing.
"""

import json
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import Http404, HttpResponseBadRequest
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt

logger = logging.getLogger(__name__)

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

_views = {}


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


@csrf_exempt
def tracking(request, provider):
    """Hand a tracking post to anymail's view for the configured provider."""
    if provider != settings.EMAIL_PROVIDER or provider not in TRACKING_VIEWS:
        raise Http404("No webhook here")
    view = _view(provider)
    if request.method == "POST":
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
