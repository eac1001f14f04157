"""Staff accounts in the admin: a superuser resets another person's sign-in factors here.

The device models' own admin pages (django-otp, django-otp-webauthn) are
taken down: the authenticator-app page shows a device's secret key and the
recovery-code page lists unused codes, and nobody needs either. A person
manages their own factors on "Your sign-in factors"; a superuser resets a
person's factors with the user list's action, after which that person
enrols anew at their next sign-in. Locked-out usernames are unlocked from
django-axes' "Access attempts" list (delete the attempt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth_models
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.utils import get_credential_model

from rescue_restore.accounts import services
from rescue_restore.accounts.signals import factor_event

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldsetSpec
    from django_stubs_ext import StrOrPromise

    _UserAdminBase = UserAdmin[auth_models.User]  # generic for the type checker only (no runtime subscript)
else:
    _UserAdminBase = UserAdmin

User = get_user_model()

for _model in (TOTPDevice, StaticDevice, get_credential_model()):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class StaffUserAdmin(_UserAdminBase):
    actions = [*UserAdmin.actions, "reset_sign_in_factors"]  # type: ignore[misc]  # a list on the class, not per instance
    readonly_fields = [*UserAdmin.readonly_fields, "sign_in_factors"]

    def get_fieldsets(self, request: HttpRequest, obj: auth_models.User | None = None) -> _FieldsetSpec:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Sign-in factors"), {"fields": ["sign_in_factors"]})]

    @admin.display(description=_("Sign-in factors"))
    def sign_in_factors(self, obj: auth_models.User) -> StrOrPromise:
        factors = services.factors_of(obj)
        if not factors:
            return _("None: enrols at the next sign-in")
        return ", ".join(factor.name for factor in factors)

    def has_reset_factors_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    @admin.action(permissions=["reset_factors"], description=_("Reset sign-in factors (they enrol again)"))
    def reset_sign_in_factors(self, request: HttpRequest, queryset: QuerySet[auth_models.User]) -> None:
        people = 0
        for user in queryset:
            services.reset_factors(user)
            factor_event("reset", request, user)
            people += 1
        self.message_user(
            request,
            ngettext(
                "Reset the sign-in factors of %(count)d person.",
                "Reset the sign-in factors of %(count)d people.",
                people,
            )
            % {"count": people},
            messages.SUCCESS,
        )


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


class UnlockableAccessAttemptAdmin(AccessAttemptAdmin):  # type: ignore[misc]  # django-axes ships no types
    """Axes' list of attempts: deleting an attempt unlocks that username (superusers hold the permission)."""

    @admin.action(description=_("Clean up expired attempts"))
    def cleanup_expired_attempts(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        # Axes' action reads the time its middleware sets only on sign-in requests.
        request.axes_attempt_time = timezone.now()  # type: ignore[attr-defined]  # axes' own request attribute
        super().cleanup_expired_attempts(request, queryset)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, UnlockableAccessAttemptAdmin)
