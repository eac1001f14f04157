"""The second-factor pages: verify, enrol (passkey or app), recovery codes, your factors.

They sit under /admin/account/ but outside the admin's own views, because a
signed-in user who has not verified a factor must reach them while every
admin page refuses that user.
"""

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, cast

from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp_webauthn.templatetags.otp_webauthn import get_configuration

from rescue_restore.accounts import lockout, services
from rescue_restore.accounts.forms import CodeForm, RemoveFactorForm
from rescue_restore.accounts.signals import factor_event


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _context(request: HttpRequest, title: str, **extra: object) -> dict[str, object]:
    return {**admin.site.each_context(request), "title": title, **extra}


class StaffRequest(HttpRequest):
    """A request from a signed-in, active staff user (``signed_in`` has checked it)."""

    user: User


# A view, and a view that ``signed_in`` lets only staff reach.
type View[**P] = Callable[Concatenate[HttpRequest, P], HttpResponse]
type StaffView[**P] = Callable[Concatenate[StaffRequest, P], HttpResponse]


def signed_in[**P](view: StaffView[P]) -> View[P]:
    """The user has passed the password step (else: the sign-in page); the page is never cached."""

    @never_cache
    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect(f"{reverse('admin:login')}?{urlencode({'next': request.get_full_path()})}")
        return view(cast(StaffRequest, request), *args, **kwargs)

    return wrapper


def verified[**P](view: StaffView[P]) -> View[P]:
    """The user has also passed a second factor (else: verification)."""

    @signed_in
    @wraps(view)
    def wrapper(request: StaffRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not services.is_verified(request.user):
            return redirect("accounts:verify")
        return view(request, *args, **kwargs)

    return wrapper


@signed_in
def verify(request: StaffRequest) -> HttpResponse:
    user = request.user
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if services.is_verified(user):
        return redirect(next_url)
    devices = services.primary_devices(user)
    has_passkey = any(services.is_passkey(device) for device in devices)
    has_app = any(not services.is_passkey(device) for device in devices)
    recovery_left = services.recovery_codes_left(user)
    if not (has_passkey or has_app or recovery_left):
        return redirect("accounts:enrol")
    form = CodeForm(request.POST or None, initial={"next": next_url})
    if request.method == "POST":
        throttled = lockout.address_throttled(request)
        if throttled:
            return throttled
        if form.is_valid():
            device = services.verify_code(request, form.cleaned_data["code"])
            if device is not None:
                factor_event("verified", request, user, device)
                if not services.has_primary_factor(user):
                    # Signed in with a recovery code and nothing else: enrol a real factor now.
                    messages.warning(request, _("You have no passkey or authenticator app. Add one now."))
                    return redirect("accounts:enrol")
                return redirect(next_url)
            factor_event("failed", request, user)
            form.add_error("code", _("That code is not right, or it was used already. Try again in a moment."))
    context = _context(
        request,
        _("Confirm it is you"),
        form=form,
        next_url=next_url,
        has_passkey=has_passkey,
        has_app=has_app,
        recovery_left=recovery_left,
        webauthn_config=get_configuration(request) if has_passkey else None,
    )
    return render(request, "accounts/verify.html", context, status=400 if form.errors else 200)


def _may_add_factor(request: StaffRequest) -> bool:
    """A first factor may be enrolled right after the password; any later one only once verified."""
    user = request.user
    return services.is_verified(user) or not services.has_primary_factor(user)


@signed_in
def enrol(request: StaffRequest) -> HttpResponse:
    if not _may_add_factor(request):
        return redirect("accounts:verify")
    context = _context(
        request,
        _("Set up a second factor"),
        first_factor=not services.has_primary_factor(request.user),
        webauthn_config=get_configuration(request),
        after_passkey_url=reverse("accounts:factors"),
    )
    return render(request, "accounts/enrol.html", context)


@signed_in
def enrol_app(request: StaffRequest) -> HttpResponse:
    if not _may_add_factor(request):
        return redirect("accounts:verify")
    user = request.user
    device = services.pending_authenticator_app(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        throttled = lockout.address_throttled(request)
        if throttled:
            return throttled
        if form.is_valid() and services.confirm_authenticator_app(request, device, form.cleaned_data["code"]):
            factor_event("enrolled", request, user, device)
            messages.success(request, _("Your authenticator app is set up."))
            if services.recovery_codes_left(user):
                return redirect("accounts:factors")
            return _show_recovery_codes(request, services.new_recovery_codes(user))
        form.add_error("code", _("That code is not right. Check the key you entered and try the newest code."))
    context = _context(
        request,
        _("Set up an authenticator app"),
        form=form,
        key=services.authenticator_app_key(device),
        qr_code=services.authenticator_app_qr_code(device),
        config_url=device.config_url,
    )
    return render(request, "accounts/enrol_app.html", context, status=400 if form.errors else 200)


def _show_recovery_codes(request: StaffRequest, codes: list[str]) -> HttpResponse:
    factor_event("recovery-codes-created", request, request.user)
    response = render(request, "accounts/recovery_codes.html", _context(request, _("Your recovery codes"), codes=codes))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@verified
def recovery_codes(request: StaffRequest) -> HttpResponse:
    return _show_recovery_codes(request, services.new_recovery_codes(request.user))


@verified
def factors(request: StaffRequest) -> HttpResponse:
    user = request.user
    context = _context(
        request,
        _("Your sign-in factors"),
        factors=services.factors_of(user),
        recovery_left=services.recovery_codes_left(user),
        webauthn_config=get_configuration(request),
        after_passkey_url=reverse("accounts:factors"),
    )
    return render(request, "accounts/factors.html", context)


@require_POST
@verified
def remove_factor(request: StaffRequest) -> HttpResponse:
    form = RemoveFactorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That sign-in factor does not exist."))
        return redirect("accounts:factors")
    try:
        device = services.remove_factor(request.user, form.cleaned_data["kind"], form.cleaned_data["pk"])
    except services.FactorError as error:
        messages.error(request, str(error))
    else:
        factor_event("removed", request, request.user, device)
        messages.success(request, _("The sign-in factor was removed."))
    return redirect("accounts:factors")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out at any step (the admin's own logout view opens only to verified staff)."""
    logout(request)
    return redirect("admin:login")
