"""One settings module, read from the environment (see README "Configuration").

Defaults are safe for production (DEBUG off, secure cookies); `make run` opts into DEBUG.
"""

import datetime as dt
import math
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """A whole number from the environment; anything else stops the start with its name."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_float(name: str, default: float) -> float:
    """A finite number from the environment (seconds, miles); anything else stops the start."""
    value = os.environ.get(name, "").strip()
    if not value:
        return float(default)
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}.")
    return number


def env_date(name: str, default: str) -> dt.date | None:
    """A YYYY-MM-DD date from the environment; set but empty means none."""
    value = os.environ.get(name, default).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a date like 2023-01-01, not {value!r}."
        ) from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# Used only when DEBUG is on; the `recoverynav.E001` check refuses it in production.
DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

DATA_DIR = Path(os.environ.get("RECOVERYNAV_DATA_DIR") or REPO_DIR / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Our apps come first so that our own wording wins over Django's translations of the same
# words (for example "Remove" in the plan).
INSTALLED_APPS = [
    "recoverynav.core",
    "recoverynav.hotlines",
    "recoverynav.geo",
    "recoverynav.guide",
    "recoverynav.comments",
    "recoverynav.screening",
    "recoverynav.directory",
    "recoverynav.meetings",
    "recoverynav.plan",
    "recoverynav.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "recoverynav.core.middleware.security_headers",
    # Before WhiteNoise, so the static files it answers get the header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The API (recoverynav/api): every /api/ response gets the rate limit, CORS for reads,
    # ETag/Last-Modified and JSON errors; other paths pass through.
    "recoverynav.api.middleware.api_middleware",
    # Quality (docs/quality.md): a brake on admin password guessing, and a kind 503 when the
    # database is unavailable (it reads the bundled emergency numbers instead).
    "recoverynav.core.login_throttle.AdminLoginThrottleMiddleware",
    "recoverynav.core.middleware.DatabaseTroubleMiddleware",
]

ROOT_URLCONF = "recoverynav.urls"
WSGI_APPLICATION = "recoverynav.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recoverynav.core.context_processors.site",
            ],
        },
    },
]

# SQLite in the data directory by default; PostgreSQL (or any database) by DATABASE_URL.
# Connections are kept for DATABASE_CONN_MAX_AGE seconds on both, which spares SQLite opening
# its file and running its PRAGMAs on every request.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'recoverynav.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# SQLite reads through a memory map of the file (SQLITE_MMAP_SIZE bytes of it, 0 = off): the
# pages come straight from the operating system's file cache, shared by every worker, instead
# of being copied into each connection's 2 MB page cache, which a searched directory outgrows.
SQLITE_MMAP_SIZE = env_int("SQLITE_MMAP_SIZE", 256 * 1024 * 1024)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers continue during an import; IMMEDIATE avoids lock-upgrade deadlocks.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA mmap_size={SQLITE_MMAP_SIZE};"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": env_float("SQLITE_TIMEOUT", 5),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The meetings' covering index INCLUDEs columns for PostgreSQL's index-only scans; SQLite
# builds the same index without them, as intended, so its warning on every migrate is noise.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "recoverynav",
    },
    # `{% cache %}` fragments: rendered markup, kept in each process (core/markup_cache.py).
    "template_fragments": {
        "BACKEND": "recoverynav.core.markup_cache.MarkupCache",
        "LOCATION": "recoverynav-fragments",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# Pages that are the same for every visitor (home, guide index, help-now…) are served from
# this cache once rendered (core/page_cache.py); PAGE_CACHE=0 turns that off.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", default=True)
# How often (seconds) the guide looks at its content files for edits; 0 checks every request.
GUIDE_CHECK_SECONDS = env_float("GUIDE_CHECK_SECONDS", 1)

# Sessions are only used by the admin; public pages never start one.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or REPO_DIR / "staticfiles")
# The list of hashed names is kept beside STATIC_ROOT, not in it, so it is never served.
STATIC_MANIFEST_DIR = Path(os.environ.get("STATIC_MANIFEST_DIR") or f"{STATIC_ROOT}-manifest")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("STATIC_PLAIN")
            else "recoverynav.core.static_storage.PrivateManifestStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("STATIC_PLAIN")

ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/"

# Email: console in development, SMTP when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "recoverynav@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MODERATOR_EMAILS = env_list("MODERATOR_EMAILS")

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS; see core/middleware.py
# for the Content-Security-Policy and the other headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# How many trusted proxies (load balancer, nginx) add to X-Forwarded-For in front of the app;
# 0 uses the connection's address. Rate limits and the admin sign-in throttle read it.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0)
if env_bool("BEHIND_TLS_PROXY"):
    # The load balancer terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logging: requests are not logged by the app; the server access log is the operator's choice
# (gunicorn's is off unless asked for). Nothing here records client addresses.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger prints the path (screening answers never go in a URL).
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Project settings.
DEFAULT_COUNTRY = os.environ.get("RECOVERYNAV_DEFAULT_COUNTRY", "US")
SITE_NAME = os.environ.get("RECOVERYNAV_SITE_NAME", "Recovery Navigator")
# Where "Exit this page" goes: an everyday site that draws no attention on a shared screen.
# Only a link (never loaded by our pages); the `recoverynav.E004` check wants http(s).
QUICK_EXIT_URL = os.environ.get("RECOVERYNAV_QUICK_EXIT_URL", "https://www.google.com/")

# Self-check (screening). The DAST-10 is copyrighted (Skinner/CAMH): an operator without
# permission to show it sets SCREENING_DAST10_ENABLED=0 and the signs check covers drugs.
SCREENING_DAST10_ENABLED = env_bool("SCREENING_DAST10_ENABLED", True)
# The CRAFFT's authors ask for (free) approval before it is re-published electronically: an
# operator without it sets SCREENING_CRAFFT_ENABLED=0 and young people get the signs check.
SCREENING_CRAFFT_ENABLED = env_bool("SCREENING_CRAFFT_ENABLED", True)

# Comments (recoverynav/comments; docs/comments.md explains each one).
# COMMENTS_EMAIL_KEY: secret for encrypting commenters' emails and for the keyed email hash;
# when unset both are derived from SECRET_KEY (HKDF). Changing it makes stored emails
# unreadable and resets "known commenter" look-ups, so set it once in production.
COMMENTS_EMAIL_KEY = os.environ.get("COMMENTS_EMAIL_KEY", "")
COMMENTS_MIN_SECONDS = env_int("COMMENTS_MIN_SECONDS", 5)  # faster = robot
COMMENTS_TOKEN_MAX_AGE = env_int("COMMENTS_TOKEN_MAX_AGE", 60 * 60 * 24)
# Comment rate limits: RATE_LIMITS["comment_network"] and ["comment_email"] below.
COMMENTS_BLOCKED_WORDS = env_list(
    "COMMENTS_BLOCKED_WORDS", "viagra,cialis,replica watches,payday loan,seo services"
)
COMMENTS_MAX_LINKS = env_int("COMMENTS_MAX_LINKS", 2)
COMMENTS_MAX_LENGTH = env_int("COMMENTS_MAX_LENGTH", 5000)
COMMENTS_MAX_DEPTH = env_int("COMMENTS_MAX_DEPTH", 3)
COMMENTS_RETENTION_DAYS = env_int("COMMENTS_RETENTION_DAYS", 30)
COMMENTS_MODERATION_LINK_MAX_AGE = env_int("COMMENTS_MODERATION_LINK_MAX_AGE", 60 * 60 * 24 * 7)
# Base of the links in moderators' emails when there is no request (commands, API).
COMMENTS_SITE_URL = os.environ.get("COMMENTS_SITE_URL", "")

# --- directory (treatment locator) ---
# Listings whose newest information is older than this date are not confirmed by a current
# source: hidden from searches, listed in the admin. Raise it when you load a newer directory;
# set it empty to show every listing (older ones then say "call ahead"). docs/directory.md
DIRECTORY_CURRENT_SINCE = env_date("DIRECTORY_CURRENT_SINCE", "2023-01-01")
# FindTreatment.gov's locator API, read by `sync_samhsa_locator` (docs/directory.md).
DIRECTORY_LOCATOR_API_URL = os.environ.get(
    "DIRECTORY_LOCATOR_API_URL", "https://findtreatment.gov/locator/exportsAsJson/v2"
)
DIRECTORY_LOCATOR_TIMEOUT = env_float("DIRECTORY_LOCATOR_TIMEOUT", 60)  # each wait for data
DIRECTORY_LOCATOR_MAX_BYTES = env_int("DIRECTORY_LOCATOR_MAX_BYTES", 50_000_000)  # per page

# Meetings (recoverynav/meetings, docs/meetings.md): feed fetching limits for
# import_meetings/sync_meetings; a failed fetch keeps the previous data.
MEETINGS_FEED_TIMEOUT = env_float("MEETINGS_FEED_TIMEOUT", 30)  # each wait for data
MEETINGS_FEED_DEADLINE = env_float("MEETINGS_FEED_DEADLINE", 300)  # whole download
MEETINGS_FEED_MAX_BYTES = env_int("MEETINGS_FEED_MAX_BYTES", 200 * 1024 * 1024)

# API (recoverynav/api): limits (its middleware is in MIDDLEWARE above; its rate limit is
# RATE_LIMITS["api"] below).
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 100)
API_MAX_RADIUS_MILES = env_float("API_MAX_RADIUS_MILES", 100)

# Quality (docs/quality.md): the admin sign-in throttle and the database-trouble page.
OFFLINE_HELP_FILE = PACKAGE_DIR / "hotlines" / "data" / "hotlines.csv"
# `python -m bench http` serves a constant page through the same middleware as its baseline.
BENCH_CONSTANT_VIEW = env_bool("RECOVERYNAV_BENCH_CONSTANT_VIEW")

# Rate limits (core/ratelimit.py; README "Rate limits"): "count/seconds" per route, counted per
# client network (a keyed hash of its /24 or /48, core/client_address.py); comment_email counts
# per commenter's e-mail hash, admin_login_* count failed sign-ins only. Each one can be set
# as RATE_LIMIT_<ROUTE> (RATE_LIMIT_API=300/60); "off" turns that limit off.
RATE_LIMIT_DEFAULTS = {
    "api": "120/60",  # every /api/ request
    "comment_network": "5/600",  # comments posted
    "comment_email": "10/3600",
    "comment_verification_mail": "3/86400",  # address confirmation mails to one e-mail
    "problem_report": "5/3600",  # "Report a problem" on a facility or a meeting
    "admin_login_user": "5/900",  # failed admin sign-ins for one username
    "admin_login_network": "20/900",  # failed admin sign-ins for any usernames
    "meetings_feed": "6/600",  # /meetings/feed.json (the whole meeting list)
    "hsds_export": "300/600",  # pages of /treatment/hsds.json and /api/v1/hsds/services
}
RATE_LIMITS = {
    route: os.environ.get(f"RATE_LIMIT_{route.upper()}", "").strip() or default
    for route, default in RATE_LIMIT_DEFAULTS.items()
}
# Counters are kept in the database (shared by every worker and server) unless a shared cache
# is given: RATE_LIMIT_CACHE_URL=redis://… (Django's Redis backend; `pip install redis`), or
# the site's cache when REDIS_URL is set. A per-process cache would not be shared.
if os.environ.get("RATE_LIMIT_CACHE_URL"):
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["RATE_LIMIT_CACHE_URL"],
    }
RATE_LIMIT_CACHE = (
    "ratelimit" if "ratelimit" in CACHES else "default" if os.environ.get("REDIS_URL") else ""
)
