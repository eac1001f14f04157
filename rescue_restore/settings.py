"""The one settings module for Rescue & Restore.

Every value that differs between machines is read from the environment
through the strict readers in ``rescue_restore.config.env``; a bad value stops
start-up with a message that names the variable. ``DJANGO_ENV`` says which
kind of machine this is:

- ``development`` (the default): DEBUG may be turned on, mail is written to
  files under ``var/mail/``, background tasks run immediately.
- ``production``: a real secret key, allowed hosts, PostgreSQL, Redis and an
  email provider are required; HTTPS-only cookies and HSTS are on; tasks go to
  the database queue and are run by ``manage.py run_worker``.

The README has the full table of variables.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP, build_policy

from rescue_restore.config.cloudfoundry import apply_vcap_services
from rescue_restore.config.env import read_bool, read_choice, read_int, read_list, read_networks, read_str
from rescue_restore.web.headers import PERMISSIONS_POLICY

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DJANGO_ENV = read_choice("DJANGO_ENV", {"development", "production"}, "development")
PRODUCTION = DJANGO_ENV == "production"

# A fixed key so a fresh clone runs without setup. Production refuses it.
DEVELOPMENT_SECRET_KEY = "development-only-key-never-use-in-production-8f3a2c1e9b7d"  # noqa: S105
SECRET_KEY = read_str("DJANGO_SECRET_KEY", None if PRODUCTION else DEVELOPMENT_SECRET_KEY, required=PRODUCTION)
if PRODUCTION and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be a unique random value of at least 50 characters in production "
        "(the development key is refused)."
    )

DEBUG = read_bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")

ALLOWED_HOSTS = read_list(
    "DJANGO_ALLOWED_HOSTS", default=() if PRODUCTION else ("127.0.0.1", "localhost", "testserver")
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required in production.")

# Absolute links in emails and feeds are built from SITE_URL, never from the
# request's Host header.
SITE_URL = read_str("SITE_URL", None if PRODUCTION else "http://127.0.0.1:8000", required=PRODUCTION).rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must start with https:// in production.")

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
# The project's own apps, in the order their menus and search results appear.
# rescue_restore/kernel/discovery.py looks in these for search.py, dashboard.py…
PROJECT_APPS = [
    "campaign",
    "materials",
    "coalitions",
    "listserv",
    "screening",
]

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "rescue_restore.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "crispy_forms",
    # Staff sign-in: second factors (passkeys first, TOTP, recovery codes) and lockout.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
    "anymail",
    "django_tasks_db",
    "simple_history",
    "rescue_restore",
    "rescue_restore.accounts",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "rescue_restore.web.requestlog.RequestIdMiddleware",
    # Before anything asks request.is_secure(): X-Forwarded-Proto only from TRUSTED_PROXIES.
    "rescue_restore.web.antiabuse.TrustedForwardedProtoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "rescue_restore.web.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers from the whole-page cache leave here, as static files leave at WhiteNoise; the
    # middleware below that puts a per-visit value on every answer (session, CSRF cookie, CSP nonce)
    # runs its own request and response steps for them (rescue_restore/web/pagecache.py).
    "rescue_restore.web.pagecache.PageCacheMiddleware",
    "rescue_restore.web.sessions.SessionMiddleware",  # Django's; reads a session once a request
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor verified this session (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Staff session lifetimes, deactivated accounts, and "verify before anything else".
    "rescue_restore.accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: answers a locked-out sign-in with the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Field history (django-simple-history) is for reading: reverting would bypass the status workflows.
SIMPLE_HISTORY_REVERT_DISABLED = True

ROOT_URLCONF = "rescue_restore.urls"
WSGI_APPLICATION = "rescue_restore.wsgi.application"
ASGI_APPLICATION = "rescue_restore.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "rescue_restore.web.context_processors.site",
            ],
            "string_if_invalid": "",
        },
    },
]

# Django's renderer, with the commonest widgets written in Python (see the module's docstring).
FORM_RENDERER = "rescue_restore.web.widgets.FormRenderer"

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
# On cloud.gov the bound PostgreSQL, Redis and S3 services arrive in
# VCAP_SERVICES; they become DATABASE_URL, REDIS_URL and MEDIA_S3_* below
# unless those are set explicitly (rescue_restore/config/cloudfoundry.py).
VCAP_FILLED = apply_vcap_services(os.environ)
DATABASE_URL = read_str(
    "DATABASE_URL", None if PRODUCTION else f"sqlite:///{VAR_DIR / 'db.sqlite3'}", required=PRODUCTION
)
try:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=read_int("DATABASE_CONN_MAX_AGE", 60, minimum=0))
    }
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a usable database address: {error}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The default database file lives in var/, which git ignores.
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE: a transaction takes the write lock when it starts, so two
    # local writers wait for each other instead of failing half-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if PRODUCTION and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: DATABASE_URL must start with postgres://.")
# The test suite runs a second time against PostgreSQL when this is set.
TEST_DATABASE_URL = read_str("TEST_DATABASE_URL")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits count in the cache, so every process serving the site must share
# one: Redis. Without REDIS_URL (a single development process) a local memory
# cache is enough. Short socket timeouts: an unreachable Redis must cost a
# request a second at most, then the rate limiter counts per process (see
# rescue_restore.web.antiabuse) and forms keep working.
REDIS_URL = read_str("REDIS_URL", required=PRODUCTION)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": read_str("CACHE_KEY_PREFIX", "rr"),
            "TIMEOUT": 300,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rescue-restore"}}
RATELIMIT_USE_CACHE = "default"
# Whole pages for anonymous visitors (rescue_restore/web/pagecache.py). The test suite turns it off
# so that query counts measure the views; the page-cache tests turn it back on.
# On by default only with Redis: a per-process memory cache cannot be emptied by
# another process, so after `manage.py seed_demo` or a worker's change a local
# runserver would keep serving the pages it cached before.
PAGE_CACHE_ENABLED = read_bool("PAGE_CACHE_ENABLED", default=bool(REDIS_URL))
# The deployed release (e.g. RELEASE=<git commit>), part of every page-cache key so a deploy never
# serves pages the previous release rendered. Unset, the page cache uses a digest of the templates,
# code, translations and static manifest each process runs (rescue_restore.web.pagecache.release).
RELEASE = read_str("RELEASE", "")
RATELIMIT_ENABLE = read_bool("RATELIMIT_ENABLE", default=True)
# Listserv sign-ups and resends: per source address generously (a clinic or shelter behind one
# address can all sign up), per target address strictly (list-bombing: however many posts name one
# address, it gets at most one email an hour, and only the first few posts make any work at all).
LISTSERV_SIGNUP_RATE_PER_SOURCE = read_str("LISTSERV_SIGNUP_RATE_PER_SOURCE", "30/h")
LISTSERV_RESEND_RATE_PER_SOURCE = read_str("LISTSERV_RESEND_RATE_PER_SOURCE", "20/h")
LISTSERV_REQUESTS_PER_TARGET = read_str("LISTSERV_REQUESTS_PER_TARGET", "3/h")
# Days a personal link from an email opens the preferences page (topics, language, address); every
# email carries new links, and any link, however old, still unsubscribes in one click (RFC 8058).
LISTSERV_LINK_MANAGE_DAYS = read_int("LISTSERV_LINK_MANAGE_DAYS", 90, minimum=1, maximum=365)
# The reverse proxies in front of gunicorn, as addresses or networks. Only a
# request whose direct peer is one of these may name the visitor in
# X-Forwarded-For; see rescue_restore.web.antiabuse.client_ip. Production's
# default is a proxy on the same machine (gunicorn bound to loopback).
TRUSTED_PROXIES = read_networks("TRUSTED_PROXIES", default=("127.0.0.1/32", "::1/128") if PRODUCTION else ())

# ---------------------------------------------------------------------------
# Background tasks
# ---------------------------------------------------------------------------
TASKS_BACKEND = read_choice("TASKS_BACKEND", {"immediate", "database"}, "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default", "mail", "bulletins"],
    }
}

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = read_str("DEFAULT_FROM_EMAIL", "Rescue & Restore <no-reply@rescue-restore.example.gov>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where contact-form messages and staff alerts go.
STAFF_NOTIFY_EMAILS = read_list(
    "STAFF_NOTIFY_EMAILS", default=() if PRODUCTION else ("division@rescue-restore.example.gov",)
)
if PRODUCTION and not STAFF_NOTIFY_EMAILS:
    raise ImproperlyConfigured("STAFF_NOTIFY_EMAILS is required in production.")
# Who is emailed when a process logs an error (rescue_restore/ops/erroralert.py): the people who
# run the site, not the division. Unset: no error email (the logs still have every error).
ERROR_ALERT_EMAILS = read_list("ERROR_ALERT_EMAILS", default=())
# The same kind of error is emailed again only after this many seconds (default an hour).
ERROR_ALERT_REPEAT_SECONDS = read_int("ERROR_ALERT_REPEAT_SECONDS", 3600, minimum=60)

# Provider name -> (anymail backend, settings it needs). Amazon SES also needs
# boto3 (installed for S3 media); the deploy check in rescue_restore/config/checks.py
# fails when the chosen provider's backend cannot be imported.
EMAIL_PROVIDERS = {
    "amazon_ses": ("anymail.backends.amazon_ses.EmailBackend", ()),
    "mailgun": ("anymail.backends.mailgun.EmailBackend", ("MAILGUN_API_KEY",)),
    # anymail's Postmark backend plus send_batch (bulletins: 500 personal messages per API call).
    "postmark": ("rescue_restore.outbox.postmark.EmailBackend", ("POSTMARK_SERVER_TOKEN",)),
    "sendgrid": ("anymail.backends.sendgrid.EmailBackend", ("SENDGRID_API_KEY",)),
    "brevo": ("anymail.backends.brevo.EmailBackend", ("BREVO_API_KEY",)),
}
# No default in production: the provider is a decision, not a guess.
EMAIL_PROVIDER = read_choice("EMAIL_PROVIDER", {"file", "console", *EMAIL_PROVIDERS}, None if PRODUCTION else "file")
if PRODUCTION and EMAIL_PROVIDER is None:
    raise ImproperlyConfigured(
        "EMAIL_PROVIDER is required in production: one of " + ", ".join(sorted(EMAIL_PROVIDERS)) + "."
    )
if PRODUCTION and EMAIL_PROVIDER in {"file", "console"}:
    raise ImproperlyConfigured("EMAIL_PROVIDER must name a real email provider in production.")
# Connect and read timeouts (seconds) for every call to the provider's API. Postmark
# answers a send in 33 ms at the median and 208 ms at the 99th percentile (648 ms on
# its worst day; docs/operations.md): 5 s is far past any real answer, and a stalled
# call holds one worker thread that long, never the queue. A call that times out has
# an unknown outcome: the row waits out its lease and the provider is asked before it
# is sent again (rescue_restore.outbox.mail). A batch call (500 bulletin messages) gets three
# times the read timeout.
ANYMAIL = {
    "REQUESTS_TIMEOUT": (
        read_int("EMAIL_CONNECT_TIMEOUT", 3, minimum=1, maximum=60),
        read_int("EMAIL_READ_TIMEOUT", 5, minimum=1, maximum=120),
    )
}
# How long a worker's claim on an outbox email or a bulletin batch holds. A claim
# older than this belongs to a dead worker: any running worker takes the rows back
# (asking the provider what it already accepted). It must outlast the longest
# provider call (connect + 3 x read timeout), which `manage.py check` verifies.
MAIL_LEASE_SECONDS = read_int("MAIL_LEASE_SECONDS", 30, minimum=2, maximum=3600)
# Threads of each `manage.py run_worker` process: each runs one task at a time, so a
# stalled provider call holds one thread while the others go on.
WORKER_THREADS = read_int("WORKER_THREADS", 8, minimum=1, maximum=32)
if EMAIL_PROVIDER == "file":
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
elif EMAIL_PROVIDER == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    _backend, _keys = EMAIL_PROVIDERS[EMAIL_PROVIDER]
    for _key in _keys:
        ANYMAIL[_key] = read_str(_key, required=True)
    # A different API address: the provider's regional endpoint, or the local fake one in the smoke test.
    if EMAIL_PROVIDER_API_URL := read_str("EMAIL_PROVIDER_API_URL"):
        ANYMAIL[f"{EMAIL_PROVIDER.upper()}_API_URL"] = EMAIL_PROVIDER_API_URL
    MAILERS = {"default": {"BACKEND": _backend}}
# Webhooks from the provider (delivery, bounce, complaint) authenticate with
# HTTP basic auth "user:password".
ANYMAIL_WEBHOOK_SECRET = read_str("ANYMAIL_WEBHOOK_SECRET", required=PRODUCTION and EMAIL_PROVIDER in EMAIL_PROVIDERS)
if ANYMAIL_WEBHOOK_SECRET:
    ANYMAIL["WEBHOOK_SECRET"] = ANYMAIL_WEBHOOK_SECRET

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Gone when the browser closes, like the session cookie: Django's default kept it a year, a trace of
# this site on the device of someone who may be watched (docs/privacy.md).
CSRF_COOKIE_AGE = None
CSRF_FAILURE_VIEW = "rescue_restore.views.csrf_failure"
if PRODUCTION:
    SECURE_SSL_REDIRECT = read_bool("SECURE_SSL_REDIRECT", default=True)
    # X-Forwarded-Proto is believed only from TRUSTED_PROXIES, like X-Forwarded-For: Django's
    # SECURE_PROXY_SSL_HEADER would believe any peer (rescue_restore.web.antiabuse.ForwardedProtoMiddleware).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_RR_TRUSTED_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = read_int("SECURE_HSTS_SECONDS", 63072000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [SITE_URL]

# Content-Security-Policy on every response, admin included: nothing inline
# without a nonce, nothing from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# ---------------------------------------------------------------------------
# Staff accounts: sign-in, second factors, lockout, sessions
# (docs/security.md, "Staff accounts", says what each control does and which test proves it)
# ---------------------------------------------------------------------------
# Axes first: it refuses a locked-out username before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions: the cookie dies with the browser; the server ends a staff session
# after 30 minutes without a request, or 12 hours after sign-in, whichever
# comes first (rescue_restore.accounts.middleware).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
STAFF_SESSION_IDLE_SECONDS = read_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60, minimum=60, maximum=30 * 60)
STAFF_SESSION_MAX_SECONDS = read_int("STAFF_SESSION_MAX_SECONDS", 12 * 60 * 60, minimum=60, maximum=12 * 60 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
# With Redis, a public visitor's session (the order list) is read from it and PostgreSQL keeps the
# record (rescue_restore/web/sessions.py: Django's cached_db, staff sessions left in the database):
# a returning visitor's page from the page cache then costs no SQL. SESSION_STORE=database reads
# every session from PostgreSQL (make bench measures the two side by side).
SESSION_STORE = read_choice("SESSION_STORE", {"cache", "database"}, "cache" if REDIS_URL else "database")
SESSION_ENGINE = (
    "rescue_restore.web.sessions" if SESSION_STORE == "cache" and REDIS_URL else "django.contrib.sessions.backends.db"
)

# Lockout (django-axes): a username is locked *at an address* after
# AXES_FAILURE_LIMIT wrong passwords from there, whether or not it exists, until
# the cool-off ends or a superuser deletes the attempt in the admin. Nobody can
# lock a colleague out from their own address: by username alone, sign-in only
# slows down (STAFF_SIGN_IN_SLOWDOWN_AFTER failures in 15 minutes, then a pause
# before each attempt of up to STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS), and past
# STAFF_SIGN_IN_USERNAME_CEILING failures the division gets an alert instead of
# a lock. Addresses are throttled across usernames (STAFF_SIGN_IN_RATE), at a
# rate one office behind one NAT address can share (rescue_restore.accounts.lockout).
AXES_FAILURE_LIMIT = read_int("AXES_FAILURE_LIMIT", 5, minimum=3, maximum=10)
AXES_COOLOFF_TIME = timedelta(minutes=read_int("AXES_COOLOFF_MINUTES", 30, minimum=1, maximum=24 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "rescue_restore.web.antiabuse.client_ip"
AXES_LOCKOUT_CALLABLE = "rescue_restore.accounts.lockout.locked_out"
# Axes' own log lines mask the username and address (its default); the
# project's security log (rescue_restore.accounts.signals) names accounts by
# id or by a digest, never by what was typed.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]
STAFF_SIGN_IN_RATE = read_str("STAFF_SIGN_IN_RATE", "20/15m")
STAFF_SIGN_IN_SLOWDOWN_AFTER = read_int("STAFF_SIGN_IN_SLOWDOWN_AFTER", 10, minimum=3, maximum=1000)
STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS = read_int("STAFF_SIGN_IN_SLOWDOWN_MAX_SECONDS", 2, minimum=0, maximum=5)
STAFF_SIGN_IN_USERNAME_CEILING = read_str("STAFF_SIGN_IN_USERNAME_CEILING", "100/d")

# Second factors (django-otp, django-otp-webauthn). A password alone never
# opens the admin: the admin site also requires a verified device.
OTP_TOTP_ISSUER = "Rescue & Restore"
OTP_WEBAUTHN_RP_NAME = "Rescue & Restore staff"
# A passkey is bound to this domain: the site's own host name. An IP address
# cannot be one, so in development passkeys work at http://localhost:8000.
_passkey_site = SITE_URL if PRODUCTION else SITE_URL.replace("://127.0.0.1", "://localhost")
OTP_WEBAUTHN_RP_ID = read_str("WEBAUTHN_RP_ID", urlsplit(_passkey_site).hostname)
OTP_WEBAUTHN_ALLOWED_ORIGINS = read_list("WEBAUTHN_ALLOWED_ORIGINS", default=(_passkey_site,))
# Passkeys are the second step after the password, so the lockout above
# always applies; passwordless sign-in is off.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "rescue_restore.security"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Personal data retention (manage.py purge_personal_data, run daily; docs/privacy.md):
# names, addresses, emails and phone numbers on orders shipped, cancelled or
# declined, on closed coalition requests and on contact messages are erased this
# many months after; addresses that unsubscribed, bounced or complained after
# UNSUBSCRIBED_RETENTION_MONTHS; outbox copies OUTBOX_RETENTION_DAYS after delivery.
PERSONAL_DATA_RETENTION_MONTHS = read_int("PERSONAL_DATA_RETENTION_MONTHS", 18, minimum=1, maximum=120)
UNSUBSCRIBED_RETENTION_MONTHS = read_int("UNSUBSCRIBED_RETENTION_MONTHS", 12, minimum=1, maximum=120)
OUTBOX_RETENTION_DAYS = read_int("OUTBOX_RETENTION_DAYS", 30, minimum=1, maximum=3650)

# Bulletins are sent in batches of this many messages over one connection.
LISTSERV_BATCH_SIZE = read_int("LISTSERV_BATCH_SIZE", 500, minimum=1, maximum=5000)

# Public forms: a hidden honeypot field and a minimum time to fill them in.
FORM_MIN_FILL_SECONDS = read_int("FORM_MIN_FILL_SECONDS", 2, minimum=0, maximum=60)
# Largest request body Django will read (forms here are small).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# ---------------------------------------------------------------------------
# Language, time, static files
# ---------------------------------------------------------------------------
# English at the unprefixed addresses, Spanish under /es/ (rescue_restore/urls.py).
# A third language is a line here, its catalogue in locale/ and its columns
# from modeltranslation (docs/i18n.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Staff-edited content (pages, materials, bulletins) falls back to English
# where no translation has been written yet; templates say so.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# The language cookie only remembers an explicit choice on the switcher;
# the address (/es/…) is what decides the page's language.
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic writes here; the smoke test collects into its own folder.
STATIC_ROOT = Path(read_str("STATIC_ROOT", str(BASE_DIR / "build" / "collected")))
# bin/build-assets writes everything served from here, static/js's scripts included (as sent).
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
# Media (covers, PDFs): a folder by default, any S3-compatible bucket when
# MEDIA_STORAGE=s3 (cloud.gov binds one through VCAP_SERVICES). Visitors never
# fetch media from the bucket: the materials views read the file from storage
# and answer with their own headers, so the bucket stays private and no page
# loads from another host.
MEDIA_STORAGE = read_choice("MEDIA_STORAGE", {"filesystem", "s3"}, "filesystem")
MEDIA_ROOT = Path(read_str("MEDIA_ROOT", str(VAR_DIR / "media")))
if PRODUCTION and os.environ.get("VCAP_APPLICATION") and MEDIA_STORAGE != "s3":
    raise ImproperlyConfigured(
        "On Cloud Foundry an instance's disk is lost at every restart: bind an S3 service (MEDIA_STORAGE=s3)."
    )
if MEDIA_STORAGE == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": read_str("MEDIA_S3_BUCKET", required=True),
            "region_name": read_str("MEDIA_S3_REGION"),
            "endpoint_url": read_str("MEDIA_S3_ENDPOINT_URL"),
            # Unset keys: boto3 finds credentials itself (instance role, AWS_* variables).
            "access_key": read_str("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": read_str("MEDIA_S3_SECRET_ACCESS_KEY"),
            "location": read_str("MEDIA_S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, max-age=3600"},
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}}
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"


def _static_file_headers(headers, path, url):
    # whitenoise answers before Django's middleware, so static files get the
    # policy here: every response the site sends carries it.
    headers["Content-Security-Policy"] = build_policy(SECURE_CSP)
    headers["Permissions-Policy"] = PERMISSIONS_POLICY


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers

CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_TEMPLATE_PACK = "uswds"
CRISPY_FAIL_SILENTLY = not DEBUG

LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Logs go to standard error, one line per record, each with the id of the
# request it belongs to ("-" outside a request). LOG_FORMAT=json writes one
# JSON object per line for a log shipper (rescue_restore/web/requestlog.py).
LOG_FORMAT = read_choice("LOG_FORMAT", {"plain", "json"}, "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "rescue_restore.web.requestlog.RequestIdFilter"}},
    "formatters": {
        # UTC in both shapes, the same as gunicorn's lines (rescue_restore/config/logformat.py).
        "plain": {"()": "rescue_restore.config.logformat.PlainFormatter"},
        "json": {"()": "rescue_restore.web.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
        # Errors to a person, through the outbox (ERROR_ALERT_EMAILS; rescue_restore/ops/erroralert.py).
        "error_alert": {"()": "rescue_restore.ops.erroralert.ErrorAlertHandler", "filters": ["request_id"]},
    },
    "root": {
        "handlers": ["console", "error_alert"],
        "level": read_choice("LOG_LEVEL", {"DEBUG", "INFO", "WARNING", "ERROR"}, "INFO"),
    },
    "loggers": {
        "django.security.csrf": {"level": "WARNING"},
        # Axes' own lines are masked and chatty; rescue_restore.security logs each event once.
        "axes": {"level": "WARNING"},
    },
}

# /healthz?deep=1 answers only with "Authorization: Bearer <HEALTHZ_TOKEN>"
# (unset: the deep check is off). Thresholds beyond which it reports a warning.
HEALTHZ_TOKEN = read_str("HEALTHZ_TOKEN")
HEALTHZ_MAX_QUEUE_AGE_SECONDS = read_int("HEALTHZ_MAX_QUEUE_AGE_SECONDS", 600, minimum=1)
# Minutes past its lease an email or bulletin delivery may still be "being sent" (a running
# worker takes expired claims back within seconds, so a row this late means none does).
HEALTHZ_STUCK_SENDING_MINUTES = read_int("HEALTHZ_STUCK_SENDING_MINUTES", 2, minimum=1)
# The newest worker heartbeat older than this: no worker is running (503).
HEALTHZ_MAX_HEARTBEAT_AGE_SECONDS = read_int("HEALTHZ_MAX_HEARTBEAT_AGE_SECONDS", 120, minimum=1)
# A task RUNNING longer than this is stuck (the longest job, the nightly purge, takes minutes).
HEALTHZ_MAX_TASK_RUNNING_MINUTES = read_int("HEALTHZ_MAX_TASK_RUNNING_MINUTES", 30, minimum=1)
# Emails that gave up, or bulletin copies the provider refused, in the last 24 hours beyond this: 503.
HEALTHZ_MAX_FAILED_MAIL = read_int("HEALTHZ_MAX_FAILED_MAIL", 0, minimum=0)

# Contact details shown on every page.
HOTLINE_NUMBER = "1-888-373-7888"
HOTLINE_TEL = "+18883737888"
HOTLINE_TEXT = "233733"
QUICK_EXIT_URL = "https://www.weather.gov/"
