"""Mounts each app's URLs, the admin, the email webhooks, sitemap and health.

Public pages are served in every language of ``settings.LANGUAGES``: English at
the unprefixed addresses, Spanish under ``/es/``. The admin, webhooks and the
machine-read files (sitemap, robots, security.txt, health) have one address.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from rescue_restore import views
from rescue_restore.ops import health
from rescue_restore.outbox import webhooks
from rescue_restore.sitemaps import all_sitemaps

urlpatterns = [
    *i18n_patterns(
        path("", include("campaign.urls")),
        path("materials/", include("materials.urls")),
        path("coalitions/", include("coalitions.urls")),
        path("listserv/", include("listserv.urls")),
        path("could-this-be-trafficking/", include("screening.urls")),
        path("search/", views.search, name="search"),
        prefix_default_language=False,
    ),
    # Second factors and passkey ceremonies: reachable before the admin opens (rescue_restore/accounts).
    path("admin/account/", include("rescue_restore.accounts.urls")),
    path("admin/account/passkeys/", include("django_otp_webauthn.urls")),
    path("admin/", admin.site.urls),
    path("anymail/<str:provider>/tracking/", webhooks.tracking, name="email_tracking_webhook"),
    path("sitemap.xml", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
]

handler400 = "rescue_restore.views.bad_request"
handler403 = "rescue_restore.views.permission_denied"
handler404 = "rescue_restore.views.page_not_found"
handler500 = "rescue_restore.views.server_error"
