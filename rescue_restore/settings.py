"""The one settings module for Rescue & Restore.

Every value that differs between machines is read from the environment
through the strict readers in ``rescue_restore.env``; a bad value stops
start-up with a message that names the variable. ``DJANGO_ENV`` says which
kind of machine this is:

- ``development`` (the default): DEBUG may be turned on, mail is written to
  files under ``var/mail/``, background tasks run immediately.
- ``production``: a real secret key, allowed hosts, PostgreSQL, Redis and an
  email provider are required; HTTPS-only cookies and HSTS are on; tasks go to
  the database queue and are run by ``manage.py db_worker``.

The README has the full table of variables.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP, build_policy

from rescue_restore.env import read_bool, read_choice, read_int, read_list, read_str

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
# rescue_restore/discovery.py looks in these for search.py, dashboard.py…
PROJECT_APPS = [
    "campaign",
    "materials",
    "coalitions",
    "listserv",
]

INSTALLED_APPS = [
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
    "anymail",
    "django_tasks_db",
    "rescue_restore",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "rescue_restore.pagecache.PageCacheMiddleware",  # last: whole-page cache and HTML compression
]

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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "rescue_restore.context_processors.site",
            ],
            "string_if_invalid": "",
        },
    },
]

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
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
# cache is enough.
REDIS_URL = read_str("REDIS_URL", required=PRODUCTION)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": read_str("CACHE_KEY_PREFIX", "rr"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rescue-restore"}}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_ENABLE = read_bool("RATELIMIT_ENABLE", default=True)
# How many reverse proxies in front of gunicorn append to X-Forwarded-For
# (production sits behind one). Rate limits count the address the outermost
# trusted proxy saw; see rescue_restore.antiabuse.client_ip.
TRUSTED_PROXY_HOPS = read_int("TRUSTED_PROXY_HOPS", 1 if PRODUCTION else 0, minimum=0, maximum=5)
RATELIMIT_IP_META_KEY = "rescue_restore.antiabuse.client_ip"
if not REDIS_URL:
    # django-ratelimit warns that a local-memory cache is not shared between
    # processes; that is true and intended for one development process.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

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

# Provider name -> (anymail backend, settings it needs).
_EMAIL_PROVIDERS = {
    "amazon_ses": ("anymail.backends.amazon_ses.EmailBackend", ()),
    "mailgun": ("anymail.backends.mailgun.EmailBackend", ("MAILGUN_API_KEY",)),
    # anymail's Postmark backend plus send_batch (bulletins: 500 personal messages per API call).
    "postmark": ("rescue_restore.postmark.EmailBackend", ("POSTMARK_SERVER_TOKEN",)),
    "sendgrid": ("anymail.backends.sendgrid.EmailBackend", ("SENDGRID_API_KEY",)),
    "brevo": ("anymail.backends.brevo.EmailBackend", ("BREVO_API_KEY",)),
}
EMAIL_PROVIDER = read_choice(
    "EMAIL_PROVIDER", {"file", "console", *_EMAIL_PROVIDERS}, "amazon_ses" if PRODUCTION else "file"
)
if PRODUCTION and EMAIL_PROVIDER in {"file", "console"}:
    raise ImproperlyConfigured("EMAIL_PROVIDER must name a real email provider in production.")
ANYMAIL = {}
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
    _backend, _keys = _EMAIL_PROVIDERS[EMAIL_PROVIDER]
    for _key in _keys:
        ANYMAIL[_key] = read_str(_key, required=True)
    MAILERS = {"default": {"BACKEND": _backend}}
    # Another address for the provider's API (a local fake provider in benchmarks and smoke tests).
    EMAIL_PROVIDER_API_URL = read_str("EMAIL_PROVIDER_API_URL")
    if EMAIL_PROVIDER_API_URL:
        ANYMAIL[f"{EMAIL_PROVIDER.upper()}_API_URL"] = EMAIL_PROVIDER_API_URL
# Webhooks from the provider (delivery, bounce, complaint) authenticate with
# HTTP basic auth "user:password".
ANYMAIL_WEBHOOK_SECRET = read_str("ANYMAIL_WEBHOOK_SECRET", required=PRODUCTION and EMAIL_PROVIDER in _EMAIL_PROVIDERS)
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
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working day for staff
CSRF_FAILURE_VIEW = "rescue_restore.views.csrf_failure"
if PRODUCTION:
    SECURE_SSL_REDIRECT = read_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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
LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "build" / "collected"
STATICFILES_DIRS = [
    BASE_DIR / "build" / "static",
    ("js", BASE_DIR / "static" / "js"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
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


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers

CRISPY_ALLOWED_TEMPLATE_PACKS = ("uswds",)
CRISPY_TEMPLATE_PACK = "uswds"
CRISPY_FAIL_SILENTLY = not DEBUG

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": read_choice("LOG_LEVEL", {"DEBUG", "INFO", "WARNING", "ERROR"}, "INFO")},
    "loggers": {"django.security.csrf": {"level": "WARNING"}},
}

# Contact details shown on every page.
HOTLINE_NUMBER = "1-888-373-7888"
HOTLINE_TEL = "+18883737888"
HOTLINE_TEXT = "233733"
QUICK_EXIT_URL = "https://www.weather.gov/"
