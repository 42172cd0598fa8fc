"""Trellis settings: one module, every value read from the environment.

Every variable is documented in `.env.example` and the README; a test fails when
a variable read here is missing from either.
"""

from __future__ import annotations

import secrets
import zoneinfo
from pathlib import Path

from trellis.env import (
    EnvError,
    database_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    parse_database_url,
)
from trellis.matching.engine.encoders.registry import (
    DEFAULT_ENCODER,
    UnknownEncoder,
    check_encoder_name,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("TRELLIS_DATA_DIR", str(BASE_DIR / "var"))).resolve()


def _data_dir_problem(error: OSError) -> EnvError:
    """A data directory Trellis cannot write, in one line: which, why, and what to do
    (`trellis` prints an EnvError without a traceback)."""
    return EnvError(
        f"Cannot write to the data directory {DATA_DIR} ({error.strerror or error}): make it "
        "writable by the user running Trellis (and check the disk is not full), or set "
        "TRELLIS_DATA_DIR to a directory that is."
    )


try:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
except OSError as error:
    raise _data_dir_problem(error) from None

DEBUG = env_bool("TRELLIS_DEBUG", False)


def _secret_key() -> str:
    """Use TRELLIS_SECRET_KEY, or keep a generated one in the data directory.

    A generated key survives restarts (sessions and invitation links stay valid)
    without asking a first-time user to invent one.
    """
    configured = env_str("TRELLIS_SECRET_KEY", "")
    if configured:
        if len(configured) < 32:
            raise EnvError("TRELLIS_SECRET_KEY must be at least 32 characters long.")
        return configured
    key_file = DATA_DIR / "secret_key"
    try:
        if not key_file.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        return key_file.read_text().strip()
    except OSError as error:
        raise _data_dir_problem(error) from None


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("TRELLIS_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("TRELLIS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    # Before django_tasks_db: `trellis db_worker` is trellis.db's (a worker with a heartbeat).
    "trellis.db",
    "django_tasks",
    "django_tasks_db",
    "trellis.web",
    "trellis.audit",
    "trellis.accounts",
    "trellis.people",
    "trellis.notifications",
    "trellis.matching",
    "trellis.connections",
    "trellis.community",
    "trellis.initiatives",
    "trellis.home",
    "trellis.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Pages for a signed-in person: Cache-Control: private, no-store.
    "trellis.web.privacy.PrivatePagesNotStored",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A GET on an address that only takes a button's POST gets a page saying so (405).
    "trellis.web.errors.MethodNotAllowedPage",
    # A write the database refused (read-only, disk full): 503 "temporarily read-only".
    "trellis.web.readonly.ReadOnlyDatabasePage",
]
# A form refused for its CSRF token says why and what to do, in the site's layout.
CSRF_FAILURE_VIEW = "trellis.web.errors.csrf_failure"

ROOT_URLCONF = "trellis.urls"
WSGI_APPLICATION = "trellis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "trellis" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trellis.people.context_processors.current_member",
                "trellis.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Background work (matching rounds, e-mail) is queued in the database and run by
# `trellis db_worker`; `trellis demo` starts one for you.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Faults that recover (trellis/db/worker.py): each worker says it is alive this often; a
# task held by a worker not seen for three times as long is queued again.
WORKER_HEARTBEAT_SECONDS = env_int("TRELLIS_WORKER_HEARTBEAT_SECONDS", 5, minimum=1, maximum=600)

SQLITE_BUSY_TIMEOUT_S = env_int("TRELLIS_SQLITE_BUSY_TIMEOUT", 30, minimum=1, maximum=600)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'trellis.sqlite3'}")
DATABASES = {
    "default": database_settings(
        parse_database_url(DATABASE_URL), base_dir=BASE_DIR, busy_timeout_s=SQLITE_BUSY_TIMEOUT_S
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password-reset and invitation links stay valid this long.
PASSWORD_RESET_TIMEOUT = env_int("TRELLIS_INVITATION_DAYS", 14, minimum=1) * 24 * 3600

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TRELLIS_TIME_ZONE", "UTC")
if TIME_ZONE != "UTC" and TIME_ZONE not in zoneinfo.available_timezones():
    raise EnvError(f"TRELLIS_TIME_ZONE={TIME_ZONE!r} is not a known time zone, e.g. Europe/Lisbon.")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
try:
    STATIC_ROOT.mkdir(exist_ok=True)
except OSError as error:
    raise _data_dir_problem(error) from None
STATICFILES_DIRS = [BASE_DIR / "trellis" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the apps' static folders when nothing was collected, so a
# fresh clone works without `collectstatic`; production runs collectstatic.
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str("TRELLIS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("TRELLIS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TRELLIS_EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("TRELLIS_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("TRELLIS_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TRELLIS_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("TRELLIS_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise EnvError("TRELLIS_EMAIL_USE_TLS and TRELLIS_EMAIL_USE_SSL cannot both be true.")
DEFAULT_FROM_EMAIL = env_str("TRELLIS_DEFAULT_FROM_EMAIL", "Trellis <trellis@localhost>")

# The address people use to reach this instance; links in e-mails start with it.
SITE_URL = env_str("TRELLIS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SESSION_COOKIE_SECURE = env_bool("TRELLIS_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto, trust it for request.is_secure().
if env_bool("TRELLIS_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("TRELLIS_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("TRELLIS_HSTS_SECONDS", 0, minimum=0)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

try:
    TRELLIS_ENCODER = check_encoder_name(env_str("TRELLIS_ENCODER", DEFAULT_ENCODER))
except UnknownEncoder as error:
    raise EnvError(f"TRELLIS_ENCODER: {error}") from None
TOPICS_FILE = Path(env_str("TRELLIS_TOPICS_FILE", str(BASE_DIR / "data" / "topics.csv")))
ROSTER_MAX_ROWS = env_int("TRELLIS_ROSTER_MAX_ROWS", 200_000, minimum=1)
ROSTER_MAX_BYTES = env_int("TRELLIS_ROSTER_MAX_BYTES", 50 * 1024 * 1024, minimum=1)
DIRECTORY_PAGE_SIZE = env_int("TRELLIS_DIRECTORY_PAGE_SIZE", 25, minimum=1, maximum=500)
# Intros and relationships (trellis/connections).
MAX_OPEN_INTROS = env_int("TRELLIS_MAX_OPEN_INTROS", 5, minimum=1, maximum=100)
INTRO_EXPIRY_DAYS = env_int("TRELLIS_INTRO_EXPIRY_DAYS", 14, minimum=1, maximum=365)
RESTING_AFTER_WEEKS = env_int("TRELLIS_RESTING_AFTER_WEEKS", 6, minimum=1, maximum=520)
DECLINE_BLOCK_DAYS = env_int("TRELLIS_DECLINE_BLOCK_DAYS", 90, minimum=0, maximum=3650)
# Initiatives and visibility (trellis/initiatives).
INITIATIVES_PAGE_SIZE = env_int("TRELLIS_INITIATIVES_PAGE_SIZE", 20, minimum=1, maximum=500)
UNSEEN_MONTHS = env_int("TRELLIS_UNSEEN_MONTHS", 6, minimum=1, maximum=60)
DATA_UPLOAD_MAX_MEMORY_SIZE = ROSTER_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOG_LEVEL = env_str("TRELLIS_LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise EnvError(f"TRELLIS_LOG_LEVEL={LOG_LEVEL!r} is not one of DEBUG, INFO, WARNING, ERROR.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
