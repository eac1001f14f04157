"""Emails about staff sign-in: the alert the division gets when a username draws too many failures."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from rescue_restore.i18n.languages import in_staff_language
from rescue_restore.models import OutgoingEmail
from rescue_restore.outbox.mail import queue_email


@in_staff_language
def send_sign_in_ceiling_alert(username: str, *, digest: str, failures: int, period_seconds: int) -> OutgoingEmail:
    """To ``STAFF_NOTIFY_EMAILS``: a username passed the failure ceiling. Nothing was locked.

    The account is named only when one has that username (staff usernames are
    known to the division); otherwise the typed text, which may be someone's
    email address, stays out of the message and only its log digest is given.
    """
    account = get_user_model().objects.filter(username__iexact=str(username).strip()).first()
    return queue_email(
        "accounts/emails/sign_in_ceiling",
        {
            "account": account,
            "digest": digest,
            "failures": failures,
            "hours": max(1, period_seconds // 3600),
            "attempts_url": f"{settings.SITE_URL}{reverse('admin:axes_accessattempt_changelist')}",
        },
        settings.STAFF_NOTIFY_EMAILS,
    )
