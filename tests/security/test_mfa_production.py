"""With production variables, a password alone still opens no admin page (issue #13: "Done means").

Run in a fresh interpreter with the production environment, as a deploy
would start: the settings that matter are the ones production loads.
"""

import json

from tests.rescue_restore.test_settings import PRODUCTION_ENV, run_manage

SCRIPT = """
import json
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory

request = RequestFactory().get("/admin/", secure=True, HTTP_HOST="rescue-restore.example.gov")
# What a session that passed only the password looks like after OTPMiddleware.
chief = get_user_model()(pk=1, username="chief", is_staff=True, is_superuser=True, is_active=True)
chief.otp_device = None
chief.is_verified = lambda: False
request.user = chief
response = admin.site.admin_view(lambda request: HttpResponse("the dashboard"))(request)
print(json.dumps({
    "has_permission": admin.site.has_permission(request),
    "status": response.status_code,
    "location": response.get("Location", ""),
    "middleware": settings.MIDDLEWARE,
    "backends": settings.AUTHENTICATION_BACKENDS,
    "rp_id": settings.OTP_WEBAUTHN_RP_ID,
    "origins": settings.OTP_WEBAUTHN_ALLOWED_ORIGINS,
    "passwordless": settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN,
    "browser_session": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
    "idle": settings.STAFF_SESSION_IDLE_SECONDS,
    "max": settings.STAFF_SESSION_MAX_SECONDS,
}))
"""


def test_production_admin_refuses_a_password_only_session():
    result = run_manage("shell", "-c", SCRIPT, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["has_permission"] is False
    assert facts["status"] == 302
    assert facts["location"].startswith("/admin/login/")
    assert "django_otp.middleware.OTPMiddleware" in facts["middleware"]
    assert "rescue_restore.accounts.middleware.StaffSessionMiddleware" in facts["middleware"]
    assert facts["middleware"][-1] == "axes.middleware.AxesMiddleware"
    assert facts["backends"][0] == "axes.backends.AxesStandaloneBackend"
    assert facts["rp_id"] == "rescue-restore.example.gov"
    assert facts["origins"] == ["https://rescue-restore.example.gov"]
    assert facts["passwordless"] is False
    assert facts["browser_session"] is True
    assert (facts["idle"], facts["max"]) == (30 * 60, 12 * 60 * 60)
