"""Answers to too many sign-in attempts: a locked username (django-axes) and a busy address.

Both answer 429 with the same page, which says neither whether the username
exists nor whether the last password was right.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from rescue_restore.antiabuse import client_ip, count_attempt


def _too_many_attempts(request):
    from django.contrib import admin

    context = {**admin.site.each_context(request), "title": _("Too many sign-in attempts")}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Cache-Control"] = "no-store"
    return response


def locked_out(request, response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the username is locked until the cool-off ends or a superuser unlocks it."""
    return _too_many_attempts(request)


def address_throttled(request):
    """Count this sign-in POST against the address; return the 429 page once the address is over its rate."""
    if request.method != "POST":
        return None
    if count_attempt("rescue_restore.accounts.sign-in", client_ip(request), settings.STAFF_SIGN_IN_RATE):
        return _too_many_attempts(request)
    return None
