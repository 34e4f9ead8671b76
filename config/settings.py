"""TwoMatch settings: one module, configured only through environment variables.

With no environment at all it runs embedded: SQLite, Celery tasks in-process, the
text-layer keyer. Production values are listed in README.md and docker-compose.yml.
"""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_float, env_int, env_list, env_str, installation_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
# Embedded = no DATABASE_URL: a local trial on SQLite (`make run`) or the test suite on a laptop.
# Anything pointed at a real database is treated as a deployment and must bring its own key.
EMBEDDED = env_bool("TWOMATCH_EMBEDDED", default=env_str("DATABASE_URL") is None)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not EMBEDDED:
        raise ImproperlyConfigured("SECRET_KEY must be set when TwoMatch runs on a real database (DATABASE_URL set)")
    # A key known to everyone who read the source would let anyone forge sessions: each
    # embedded installation makes its own once and keeps it (owner-only) beside its database.
    SECRET_KEY = installation_secret_key(Path(env_str("SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret_key"))))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "dataentry",
    "review",
    "inference",
    "reports",
    "api",
    "learning",
    "axes",
    "singleentry",
    "simulation",
]

MIDDLEWARE = [
    # First of all: a request that queued too long is refused before any work is spent on it.
    "config.shedding.LoadSheddingMiddleware",
    # Then: refuses an oversized body before any other middleware could read it.
    "config.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.CSPMiddleware",  # django-csp's, with the policy string built once
    "django_htmx.middleware.HtmxMiddleware",
    # After messages and django-htmx: an htmx request gets a status partial, never a redirect.
    "config.htmx.HtmxNoRedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "dataentry.context_processors.roles",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except Exception as exc:  # dj_database_url raises several types for a bad URL
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite serialises writers. Two requests that each read and then write in deferred
    # transactions deadlock, and SQLite refuses the second at once ("database is locked", a 500 on
    # autosave): IMMEDIATE takes the write lock at BEGIN, so the second waits up to `timeout`
    # seconds instead. WAL lets readers go on while one writes (issue 12).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
    # Tests on SQLite use a file, not the in-memory default: browser tests write from the test
    # thread while the live server thread holds a transaction, and shared-cache memory databases
    # fail such writes at once ("table is locked") instead of waiting for the lock.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes refuses a throttled login before any password is checked, on every login page.
# ModelBackend last: sessions it made before dataentry.backends was deployed stay valid until they end.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "dataentry.backends.SessionUserBackend",
                           "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)  # one shift
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# Sessions read from the cache (Redis in production), written through to the database: one query
# less on every request, and a flushed cache only costs a database read (issue 16).
SESSION_ENGINE = ("django.contrib.sessions.backends.cached_db" if env_bool("SESSION_CACHED", default=True)
                  else "django.contrib.sessions.backends.db")
# Failed logins per user name, and per client address, before a wait of LOGIN_THROTTLE_WINDOW_S
# (dataentry/login.py). An address is shared by a whole office behind NAT: it gets more.
LOGIN_THROTTLE_ATTEMPTS = env_int("LOGIN_THROTTLE_ATTEMPTS", 5, minimum=1)
LOGIN_THROTTLE_IP_ATTEMPTS = env_int("LOGIN_THROTTLE_IP_ATTEMPTS", 30, minimum=1)
LOGIN_THROTTLE_WINDOW_S = env_int("LOGIN_THROTTLE_WINDOW_S", 300, minimum=1)
AXES_HANDLER = "dataentry.login.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "dataentry.login.failure_limit"
AXES_COOLOFF_TIME = "dataentry.login.cool_off"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "dataentry.login.throttle_username"
AXES_CLIENT_IP_CALLABLE = "dataentry.login.client_ip"
AXES_LOCKOUT_CALLABLE = "dataentry.login.lockout_response"
AXES_VERBOSE = False  # no start-up banner in every command; lockouts are still logged

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Tokyo")
USE_I18N = True
# Dates and numbers in the page language: 2026年12月5日 on Japanese pages, ISO dates on English ones.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded PDFs and rendered pages are personal data: MEDIA_ROOT is never served as a
# public folder; every file goes through a view that checks the user (see dataentry/views.py).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-public/"
# Behind the proxy of deploy/Caddyfile.app: a page image view checks the user, then answers with
# X-Accel-Redirect and the proxy sends the file from the media volume (issue 16).
MEDIA_ACCEL_REDIRECT = env_bool("MEDIA_ACCEL_REDIRECT", default=False)

# --- Overload (issue 16, config/shedding.py) ---
# A request that waited longer than this in the web server's queue (X-Request-Start, set by the
# proxy) is answered 503 with Retry-After at once: its user is likely gone or retrying already,
# and working through a queue of such requests only makes every later one late too. 0 = never.
SHED_QUEUE_MS = env_int("SHED_QUEUE_MS", 1000, minimum=0)
SHED_RETRY_AFTER_S = env_int("SHED_RETRY_AFTER_S", 2, minimum=1)

# --- Celery: Redis only wakes workers; state lives in the database. ---
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=2)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A Redis that stops answering must not hang a web request: publishing gives up after a few
# seconds and the sweeper publishes again later.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_timeout": 5, "socket_connect_timeout": 2}
CELERY_TASK_IGNORE_RESULT = True
# Publishing must not hang a web request when Redis is down: the sweeper re-enqueues later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = False

# --- Workflow ---
LEASE_MINUTES = env_int("LEASE_MINUTES", 30, minimum=1)
# Page images stay visible this long after a claim ran out (a page that was loading), no longer.
LEASE_VIEW_GRACE_SECONDS = env_int("LEASE_VIEW_GRACE_SECONDS", 60, minimum=0)
MAX_TASK_ATTEMPTS = env_int("MAX_TASK_ATTEMPTS", 3, minimum=1)
SWEEPER_STALE_SECONDS = env_int("SWEEPER_STALE_SECONDS", 120, minimum=1)
# Claim the operator's next document while they key the current one, so it opens at once.
KEYING_PREFETCH = env_bool("KEYING_PREFETCH", default=True)
IDLE_THRESHOLD_SECONDS = env_int("IDLE_THRESHOLD_SECONDS", 60, minimum=5)

# --- Upload limits (design §7.5) ---
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# Any request body, whoever sends it: a larger Content-Length is refused (413) before anything reads
# the body. One upload request may carry several files, together up to this size. The TLS proxy of
# docker-compose.yml enforces the same number.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", UPLOAD_MAX_BYTES + 1024 * 1024, minimum=4096)
UPLOAD_MAX_PAGES = env_int("UPLOAD_MAX_PAGES", 50, minimum=1)
UPLOAD_MAX_PAGE_POINTS = env_int("UPLOAD_MAX_PAGE_POINTS", 5000, minimum=100)  # longest side, 1 pt = 1/72 in
UPLOAD_MAX_OBJECTS = env_int("UPLOAD_MAX_OBJECTS", 200_000, minimum=100)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 150_000_000, minimum=1_000_000)
RENDER_DPI = env_int("RENDER_DPI", 150, minimum=36)
RENDER_MAX_PIXELS = env_int("RENDER_MAX_PIXELS", 40_000_000, minimum=10_000)
# MuPDF opens uploads in a child process with these limits (dataentry/pdf_sandbox.py).
PDF_SANDBOX = env_bool("PDF_SANDBOX", default=True)
PDF_SANDBOX_CPU_SECONDS = env_int("PDF_SANDBOX_CPU_SECONDS", 60, minimum=1)
PDF_SANDBOX_MEMORY_MB = env_int("PDF_SANDBOX_MEMORY_MB", 2048, minimum=256)
PDF_SANDBOX_WALL_SECONDS = env_int("PDF_SANDBOX_WALL_SECONDS", 120, minimum=1)
# The 300 dpi zoom image is rendered by a worker task with this time limit, never in a web request.
HD_RENDER_TIME_LIMIT_S = env_int("HD_RENDER_TIME_LIMIT_S", 60, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_HANDLERS = [
    "dataentry.uploads.UploadSizeLimitHandler",  # stops a file at UPLOAD_MAX_BYTES while it streams in
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Machine keyer ---
# `local`: the text layer where a page has one, OCR where not; `ocr`: OCR only; `textlayer`: no OCR.
MACHINE_KEYER = env_choice("MACHINE_KEYER", "local", ("local", "ocr", "textlayer", "vllm", "none"))
# OCR (inference/local/ocr.py): Tesseract's Japanese data folder, the rendering resolution and the
# page-segmentation mode, chosen by measurement (docs/keyer.md). OCR_TESSDATA_DIR unset: the `best`
# model `make ocr-models` fetched into OCR_MODEL_DIR when it is there, else the Debian/Ubuntu folders;
# set: that folder only, and it must exist.
OCR_TESSDATA_DIR = env_str("OCR_TESSDATA_DIR", "")
if OCR_TESSDATA_DIR and not Path(OCR_TESSDATA_DIR).is_dir():
    raise ImproperlyConfigured(f"OCR_TESSDATA_DIR must be a folder, got {OCR_TESSDATA_DIR!r}")
OCR_MODEL_DIR = BASE_DIR / "var" / "tessdata"
OCR_DPI = env_int("OCR_DPI", 300, minimum=72)
OCR_PSM = env_int("OCR_PSM", 3, minimum=0)
OCR_BLUR = env_float("OCR_BLUR", 0.0, minimum=0.0)
# Single entry (issue 15): how long a new document of a type with single entry on waits for the
# machine before operators may claim it (a slow or absent GPU must not block them).
SINGLE_ENTRY_WAIT_MINUTES = env_int("SINGLE_ENTRY_WAIT_MINUTES", 10, minimum=0)
VLLM_BASE_URL = env_str("VLLM_BASE_URL", "http://127.0.0.1:8000/v1")
VLLM_MODEL = env_str("VLLM_MODEL", "Qwen/Qwen2.5-VL-7B-Instruct")
VLLM_API_KEY = env_str("VLLM_API_KEY", "") or None
VLLM_TIMEOUT_S = env_float("VLLM_TIMEOUT_S", 60.0, minimum=0.1)
VLLM_MAX_CONCURRENCY = env_int("VLLM_MAX_CONCURRENCY", 4, minimum=1)
VLLM_MAX_PAGES = env_int("VLLM_MAX_PAGES", 4, minimum=1)
VLLM_MAX_RETRIES = env_int("VLLM_MAX_RETRIES", 3, minimum=0)
VLLM_MAX_TOKENS = env_int("VLLM_MAX_TOKENS", 2048, minimum=16)
# Qwen2.5-VL spends one token per 28x28 pixels: 1280 tokens ~ 1,003,520 pixels per page.
VLLM_MAX_IMAGE_TOKENS = env_int("VLLM_MAX_IMAGE_TOKENS", 1280, minimum=4)

# --- Security ---
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie; kept default-compatible
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# A deployment (a real database, DEBUG off) speaks HTTPS: without these settings sessions and CSRF
# cookies would travel in clear text. Only an explicit ALLOW_PLAIN_HTTP=1 runs it without them.
ALLOW_PLAIN_HTTP = env_bool("ALLOW_PLAIN_HTTP", default=False)
if not (DEBUG or EMBEDDED or ALLOW_PLAIN_HTTP):
    _missing = [name for name, present in (("SECURE_SSL_REDIRECT=1", SECURE_SSL_REDIRECT),
                                           ("SECURE_COOKIES=1", SESSION_COOKIE_SECURE),
                                           ("SECURE_HSTS_SECONDS=31536000", SECURE_HSTS_SECONDS > 0)) if not present]
    if _missing:
        raise ImproperlyConfigured(
            f"DEBUG is off on a real database but HTTPS is not configured: set {', '.join(_missing)} "
            "(and BEHIND_TLS_PROXY=1 behind the TLS proxy), or ALLOW_PLAIN_HTTP=1 if this installation "
            "runs over plain HTTP on purpose")

# Content-Security-Policy (django-csp): every script and style is a vendored or own file under
# /static/, so nothing inline and no eval is allowed; a script injected through keyed or model
# text would not run. Pico's icons are data: SVGs, hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per task run is noise in the embedded mode and in management commands.
    "loggers": {"celery.app.trace": {"level": env_str("CELERY_TRACE_LOG_LEVEL", "WARNING")}},
}

# --- API callbacks (api/outbound.py): https to public addresses only ---
API_CALLBACK_HTTP_HOSTS = [h.lower() for h in env_list("API_CALLBACK_HTTP_HOSTS", [])]  # hosts that may get plain http
# Never in production: lets callbacks reach this machine (the tests' receiver, a local trial).
API_CALLBACK_ALLOW_LOOPBACK = env_bool("API_CALLBACK_ALLOW_LOOPBACK", default=False)
# Intake API limits per client (each client can override them in the admin).
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120, minimum=1)
API_DAILY_QUOTA = env_int("API_DAILY_QUOTA", 1000, minimum=0)

AUDIT_SHARE = env_float("AUDIT_SHARE", 0.02, minimum=0.0)  # share of auto-accepted documents blind-audited

# Result callbacks of the intake API (docs/api.md).
API_CALLBACK_TIMEOUT_S = env_float("API_CALLBACK_TIMEOUT_S", 5.0, minimum=0.1)
API_CALLBACK_MAX_ATTEMPTS = env_int("API_CALLBACK_MAX_ATTEMPTS", 8, minimum=1)
API_CALLBACK_BACKOFF_S = env_int("API_CALLBACK_BACKOFF_S", 30, minimum=1)
API_CALLBACK_BACKOFF_MAX_S = env_int("API_CALLBACK_BACKOFF_MAX_S", 1800, minimum=1)

CELERY_BEAT_SCHEDULE = {
    "sweep-callbacks": {"task": "api.tasks.sweep_callbacks", "schedule": 60.0},
    "select-audits": {"task": "learning.tasks.select_audits", "schedule": 24 * 3600.0},
    "single-entry-thresholds": {"task": "singleentry.tasks.update_thresholds", "schedule": 24 * 3600.0},
    "sweep-stuck-documents": {
        "task": "dataentry.tasks.sweep_stuck_documents",
        "schedule": float(env_int("SWEEPER_PERIOD_SECONDS", 60, minimum=5)),
    },
}

CACHES = (
    {"default": {"BACKEND": "config.cache.RedisCache", "LOCATION": REDIS_URL,
                 "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2}}}
    if REDIS_URL and env_bool("CACHE_IN_REDIS", True)
    else {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
# Template fragments that depend only on the language, the roles and the settings (the keyboard-shortcut
# dialog, the keying grid's empty person, the head's links, the top bar's role links, the keying and review
# pages' fixed texts): rendered once per process instead of on every page (issue 16;
# tests/test_page_fragments.py checks every page is the same byte for byte with and without them).
# Not with DEBUG: an edited template would not show until the process restarts.
CACHES["fragments"] = (
    {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} if DEBUG
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "twomatch-fragments", "TIMEOUT": None}
)
# The report pages' tables, rendered once per build of a report (reports.selectors.cached_report_for
# rebuilds it at most once a minute) and language: half of a report page's CPU (issue 16). A few
# builds are kept; they are large (the overview lists 200 documents).
CACHES["report_tables"] = (
    {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} if DEBUG
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "twomatch-report-tables",
          "TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 40}}
)
