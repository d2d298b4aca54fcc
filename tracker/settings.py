"""Settings for the tracker, read from the environment.

Development defaults are safe to run on a laptop; production (DJANGO_DEBUG off)
refuses to start on a missing secret key or host list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. List the site's host names, separated by commas."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "adminsortable2",
    "reversion",
    "axes",
    "tracker.pagecache",
    "tracker.newsroom",
    "tracker.live",
    "tracker.comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached public page is served without reading a cookie.
    # Before the policy too: a hit replays the stored header instead of building it again.
    "tracker.pagecache.middleware.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tracker.errors.FlatpageFallback",
    # Inside the flatpage fallback, so footer pages still answer what no pattern matches.
    "tracker.errors.SiteNotFoundPage",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

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
                # What every page shows: the site's name and topics, the live bar.
                "tracker.newsroom.context_processors.site",
                "tracker.live.context_processors.live_bar",
            ],
        },
    },
]

# An SQLite file in the project by default; postgres://... uses psycopg 3 and its pool.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,  # SQLite: keep the file open between requests
        conn_health_checks=True,
    )
}
# psycopg's pool serves threaded servers (runserver, gthread, ASGI). A process with one
# thread (`make serve`: gunicorn sync workers) gains nothing from a pool: DATABASE_POOL=0
# keeps one persistent connection per process instead, health-checked before reuse.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DATABASE_POOL", default=True
):
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX", "10")),
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "0.5")),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Saves by several processes queue for SQLite's one write lock (for up to its 5 s timeout)
    # instead of failing with "database is locked": a transaction takes the lock as it begins,
    # so it never has to turn a read lock into a write lock halfway through a save.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # With the database down, a request gives up quickly and readers get the 503 page.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
LOCAL_MEMORY_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# With Redis down or hanging, a request waits at most this long for it; then each process
# leaves it alone for REDIS_RETRY_SECONDS (a miss at once) before trying it again.
REDIS_TIMEOUT_SECONDS = float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "5"))
REDIS_CACHE = {
    "BACKEND": "tracker.cache.RedisCache",
    "LOCATION": REDIS_URL,
    "OPTIONS": {
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "retry_seconds": REDIS_RETRY_SECONDS,
    },
}
# Fragments ({% cache %}: the article's content, the header...) are rendered once per
# version of what they show and kept this long (their keys change with every edit, so this
# only bounds the memory they hold).
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "86400"))
# Pages, fragments and the bar's state are kept under keys that hold the version of what
# they show: each process keeps copies in its own memory, in front of the shared cache.
KEPT_CACHE = {"BACKEND": "tracker.cache.KeptCache", "TIMEOUT": 300}
CACHES = {
    "default": REDIS_CACHE if REDIS_URL else LOCAL_MEMORY_CACHE,
    "kept": KEPT_CACHE,
    # What {% cache %} uses; with FRAGMENT_CACHE_SECONDS=0 (the cold benchmark), nothing.
    "template_fragments": KEPT_CACHE
    if FRAGMENT_CACHE_SECONDS
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures and their renditions. Development serves them from MEDIA_ROOT
# (tracker/urls.py, also under `make serve`); production serves them from nginx or an
# S3-compatible store (README, "Pictures").
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", BASE_DIR / "media")
FILE_UPLOAD_PERMISSIONS = 0o644
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed, cache-forever files in production; plain files while developing.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# While developing, whitenoise serves files straight from the apps and static/.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "admin:login"

# Only staff and signed-in readers have sessions (other visitors never get a cookie);
# they expire after a working day.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_HOURS", "8")) * 3600

# Login throttling (django-axes): the admin login, which the desk also uses, locks an
# account and, separately, an address after repeated failures, for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Readers sign in to comment with a one-time link by email (tracker/comments).
    "sesame.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "tracker.security.client_ip"

# Readers' sign-in links (django-sesame): they work once, within this many minutes.
SESAME_MAX_AGE = int(os.environ.get("COMMENTS_SIGN_IN_MINUTES", "15")) * 60
SESAME_ONE_TIME = True

# Mail (readers' sign-in links): printed on the console while developing, sent by SMTP in
# production. Tests use Django's outbox.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "tracker@localhost")

# Behind a TLS-terminating proxy, production is HTTPS-only.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
if env_bool("DJANGO_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Everything comes from the site's own origin. Public pages carry no nonce (they have no
# inline script, and a nonce would be shared by every reader of a cached page); a
# template that truly needs an inline script asks for {{ request.csp_nonce }}, and only
# then does its response's policy name a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Whole public pages are cached for at most this long (0 turns the page cache off); a
# change retires them at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Caches in front (nginx, a CDN) share a page or a poll answer this long (s-maxage), then
# may serve it stale for PAGE_STALE_SECONDS more (stale-while-revalidate) while they ask
# again with If-None-Match. 1 s of version recheck + 5 + 3 + 1 s of nginx's whole-second
# clock: no shared cache serves anything more than 10 s after it changed (README).
PAGE_SHARED_SECONDS = int(os.environ.get("PAGE_SHARED_SECONDS", "5"))
PAGE_STALE_SECONDS = int(os.environ.get("PAGE_STALE_SECONDS", "3"))
# Browsers keep a page this long (max-age); nothing can purge them, so it is kept short.
PAGE_BROWSER_SECONDS = int(os.environ.get("PAGE_BROWSER_SECONDS", "10"))
# How stale this process's idea of the content version may be (other processes' changes).
PAGE_VERSION_RECHECK_SECONDS = float(os.environ.get("PAGE_VERSION_RECHECK_SECONDS", "1"))

# How often open pages poll the live bar, until an editor sets it on the counter.
LIVE_BAR_POLL_SECONDS = int(os.environ.get("LIVE_BAR_POLL_SECONDS", "30"))

SITE_NAME = os.environ.get("SITE_NAME", "Ukraine War Tracker")
# The footer pages (flatpages) belong to this site; public URLs use the request's own host.
SITE_ID = 1

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Also says when Redis answers again after an outage.
    "loggers": {"tracker.cache": {"level": "INFO"}},
}
