"""One function per email the coalitions app sends.

Applicants hear from us at every decision; moderators hear about every new
request and every report. Links are absolute, built from ``SITE_URL``.
Emails to applicants and listed contacts come from a no-reply address, so
they carry ``Reply-To`` the division's inbox (``STAFF_NOTIFY_EMAILS``), never
a moderator's personal address.
"""

from django.conf import settings
from django.urls import reverse

from coalitions.models import AffiliationRequest
from rescue_restore.accounts.roles import COALITION_MODERATORS, member_emails
from rescue_restore.i18n.languages import in_language_of, in_staff_language
from rescue_restore.outbox.mail import queue_email

PREFIX = "coalitions/emails/"


def _absolute(path):
    return f"{settings.SITE_URL}{path}"


def _to_applicant(name, context, recipient):
    return queue_email(f"{PREFIX}{name}", context, [recipient], reply_to=list(settings.STAFF_NOTIFY_EMAILS))


def _request_context(request_object, **extra):
    return {
        "request_object": request_object,
        "is_update": request_object.kind == AffiliationRequest.Kind.UPDATE,
        "materials_url": _absolute(reverse("materials:catalog")),
        "get_involved_url": _absolute(reverse("campaign:page", kwargs={"slug": "get-involved"})),
        "directory_url": _absolute(reverse("coalitions:directory")),
        **extra,
    }


@in_language_of()
def request_received(request_object):
    return _to_applicant("request_received", _request_context(request_object), request_object.email)


@in_staff_language
def notify_moderators_of_request(request_object):
    admin_url = _absolute(reverse("admin:coalitions_affiliationrequest_change", args=[request_object.pk]))
    return queue_email(
        f"{PREFIX}request_notification",
        _request_context(request_object, admin_url=admin_url),
        member_emails(COALITION_MODERATORS),
        reply_to=[request_object.email],
    )


@in_language_of()
def request_approved(request_object, *, listed, note):
    listing_url = _absolute(request_object.coalition.get_absolute_url()) if listed else ""
    return _to_applicant(
        "request_approved",
        _request_context(request_object, listed=listed, note=note, listing_url=listing_url),
        request_object.email,
    )


@in_language_of()
def request_declined(request_object, *, reason):
    return _to_applicant("request_declined", _request_context(request_object, reason=reason), request_object.email)


@in_language_of()
def more_information_requested(request_object, *, question):
    return _to_applicant("more_information", _request_context(request_object, question=question), request_object.email)


@in_language_of()
def guidance_sent(request_object, *, message):
    return _to_applicant("guidance", _request_context(request_object, message=message), request_object.email)


@in_language_of()
def reverification_request(coalition, *, token):
    return _to_applicant(
        "reverification",
        {
            "coalition": coalition,
            "verify_url": _absolute(reverse("coalitions:verify", kwargs={"token": token})),
            "listing_url": _absolute(coalition.get_absolute_url()),
        },
        coalition.contact_email,
    )


@in_staff_language
def notify_moderators_of_report(report):
    return queue_email(
        f"{PREFIX}outdated_report",
        {
            "report": report,
            "coalition": report.coalition,
            "listing_url": _absolute(report.coalition.get_absolute_url()),
            "admin_url": _absolute(reverse("admin:coalitions_coalition_change", args=[report.coalition.pk])),
        },
        member_emails(COALITION_MODERATORS),
        reply_to=[report.email] if report.email else None,
    )
