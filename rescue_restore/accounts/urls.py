from django.urls import path
from django.views.i18n import JavaScriptCatalog

from rescue_restore.accounts import views

app_name = "accounts"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("enrol/", views.enrol, name="enrol"),
    path("enrol/app/", views.enrol_app, name="enrol_app"),
    path("factors/", views.factors, name="factors"),
    path("factors/remove/", views.remove_factor, name="remove_factor"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    # The passkey scripts' strings; loaded before them (the package's own tag loads it async).
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="javascript_catalog"),
]
