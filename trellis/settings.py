"""Trellis settings: one module, every value read from the environment.

Every variable is documented in `.env.example` and the README; a test fails when
a variable read here is missing from either.
"""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONE, SELF

from trellis.env import (
    EnvError,
    database_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    keep_private,
    parse_database_url,
)
from trellis.integrations.chat.config import check_chat_settings
from trellis.integrations.sso.config import check_sso_settings
from trellis.matching.engine.encoders.registry import (
    DEFAULT_ENCODER,
    UnknownEncoder,
    check_encoder_name,
)
from trellis.text import limits as text_limits

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
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
except OSError as error:
    raise _data_dir_problem(error) from None
# The data directory holds the database and the secret key: only Trellis's own user
# may list or read it (0700), on a fresh install and, tightened at start-up, an old one.
keep_private(DATA_DIR, mode=0o700)

DEBUG = env_bool("TRELLIS_DEBUG", False)


def _secret_key() -> str:
    """Use TRELLIS_SECRET_KEY, or keep a generated one in the data directory.

    A generated key survives restarts (sessions and invitation links stay valid)
    without asking a first-time user to invent one.
    """
    configured = env_str("TRELLIS_SECRET_KEY", "")
    if configured:
        check_secret_key(configured, production=not DEBUG)
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


def check_secret_key(key: str, *, production: bool) -> None:
    """Refuse a configured key Django's `check --deploy` would call weak (W009).

    In production a key needs 50 characters and 5 different ones; a debug instance
    may use a shorter one (32), never a toy.
    """
    if production and (len(key) < 50 or len(set(key)) < 5):
        raise EnvError(
            "TRELLIS_SECRET_KEY must be at least 50 characters long, with at least 5 "
            "different characters, when TRELLIS_DEBUG is false; make one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    if len(key) < 32:
        raise EnvError("TRELLIS_SECRET_KEY must be at least 32 characters long.")


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
    "axes",
    "csp",
    "trellis.web",
    "trellis.audit",
    "trellis.accounts",
    "trellis.people",
    "trellis.notifications",
    "trellis.matching",
    "trellis.connections",
    "trellis.community",
    "trellis.initiatives",
    "trellis.insights",
    "trellis.integrations.digest",
    "trellis.integrations.scim",
    "trellis.integrations.chat",
    "trellis.integrations.sso",
    "trellis.integrations.calendars",
    "trellis.home",
    # The JSON API (django-ninja; "ninja" serves its docs page's JS and CSS from the app).
    "ninja",
    "trellis.api",
    "trellis.demo",
]

MIDDLEWARE = [
    # /healthz and /readyz for probes that ask by address over HTTP: before the host check.
    "trellis.db.health.ProbesFirst",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (see the security block below).
    "trellis.web.csp.ContentSecurityPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A request body over its view's limit: 413 before it is read (before the CSRF check).
    "trellis.web.request_size.RequestSizeLimit",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The audit log sees who is acting and from where, wherever an event is recorded.
    "trellis.audit.middleware.RequestForAudit",
    # Pages for a signed-in person: Cache-Control: private, no-store.
    "trellis.web.privacy.PrivatePagesNotStored",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A GET on an address that only takes a button's POST gets a page saying so (405).
    "trellis.web.errors.MethodNotAllowedPage",
    # A write the database refused (read-only, disk full): 503 "temporarily read-only".
    "trellis.web.readonly.ReadOnlyDatabasePage",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Created 0600 before SQLite first opens it (its -wal and -shm files copy the
    # database file's mode); an existing install's files are tightened here too.
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    for _path in (_sqlite_file, Path(f"{_sqlite_file}-wal"), Path(f"{_sqlite_file}-shm")):
        keep_private(_path, mode=0o600, create=_path == _sqlite_file)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
# django-axes first: it refuses a locked-out account or address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
# Off by default: both bind every subdomain of the site's domain to HTTPS, for years.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("TRELLIS_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("TRELLIS_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- Throttling and Content-Security-Policy (issue 14: trellis/accounts/throttle.py,
# trellis/web/csp.py). Failed sign-ins are counted by django-axes in the database, so
# every gunicorn worker sees the same counts, separately for the account typed and for
# the client address: either reaching the limit locks that one out for the lockout time.
SIGN_IN_FAILURE_LIMIT = env_int("TRELLIS_SIGN_IN_FAILURE_LIMIT", 10, minimum=1, maximum=1000)
SIGN_IN_LOCKOUT_MINUTES = env_int("TRELLIS_SIGN_IN_LOCKOUT_MINUTES", 15, minimum=1, maximum=1440)
# Password-reset e-mails to one address in that time (more requests answer the same page).
PASSWORD_RESET_EMAIL_LIMIT = env_int(
    "TRELLIS_PASSWORD_RESET_EMAIL_LIMIT", 3, minimum=1, maximum=100
)
# Reverse proxies in front of Trellis that append the client to X-Forwarded-For; 0 trusts
# none and uses the connection's address (behind a proxy that is the proxy's own).
PROXY_COUNT = env_int("TRELLIS_PROXY_COUNT", 0, minimum=0, maximum=5)
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
# Requests one API token may make in a minute; beyond it, 429 with Retry-After.
API_RATE_LIMIT_PER_MINUTE = env_int("TRELLIS_API_RATE_LIMIT", 120, minimum=1, maximum=100000)
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field (it holds an e-mail address)
AXES_USERNAME_CALLABLE = "trellis.accounts.throttle.typed_account"
AXES_CLIENT_IP_CALLABLE = "trellis.web.client.client_address"
AXES_LOCKOUT_CALLABLE = "trellis.accounts.throttle.lockout_page"
# A sign-in tried while locked out does not restart the clock, and a success does not
# wipe the count (else one's own account would clear an address's failures).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = False
# The audit log keeps sign-ins (with its retention); axes keeps only the live counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# No inline script or style anywhere; the admin alone may use inline style (trellis/web/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # the favicon is a data: SVG
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

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
# The audit log (trellis/audit): days an event is kept before `trellis sweep` deletes it
# (0: kept forever).
AUDIT_RETENTION_DAYS = env_int("TRELLIS_AUDIT_RETENTION_DAYS", 365, minimum=0, maximum=36500)
# Request sizes (issue 14): every form's body is at most 256 KiB, room for the largest
# form with each field at its cap (trellis/text/limits.py); RequestSizeLimit refuses more
# with a 413 before reading it. Only the roster upload (@takes_upload) may send
# ROSTER_MAX_BYTES plus 1 MiB; its file goes to a temporary file above 5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = text_limits.REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Integrations (trellis/integrations, issue 17): each is off by default, and a bad value
# stops Trellis at start-up with the variable named.
#
# --- Single sign-on with OpenID Connect (trellis/integrations/sso) ---
# The provider's endpoints are read from <issuer>/.well-known/openid-configuration on the
# first sign-in and kept (trellis/integrations/sso/discovery.py): no network at start-up.
SSO = check_sso_settings(
    enabled=env_bool("TRELLIS_SSO_ENABLED", False),
    issuer=env_str("TRELLIS_SSO_ISSUER", ""),
    client_id=env_str("TRELLIS_SSO_CLIENT_ID", ""),
    client_secret=env_str("TRELLIS_SSO_CLIENT_SECRET", ""),
    allowed_domains=env_list("TRELLIS_SSO_ALLOWED_DOMAINS", []),
    only=env_bool("TRELLIS_SSO_ONLY", False),
    self_sign_up=env_bool("TRELLIS_SSO_SELF_SIGN_UP", False),
    button_label=env_str("TRELLIS_SSO_BUTTON_LABEL", "Sign in with single sign-on"),
    help_contact=env_str("TRELLIS_SSO_HELP_CONTACT", ""),
    verified_claim=env_str("TRELLIS_SSO_VERIFIED_EMAIL_CLAIM", "email_verified"),
)
# The OpenID Connect backend first: it answers only the callback (any other sign-in
# passes it by), where no password is guessed, so a password lockout need not block it.
AUTHENTICATION_BACKENDS = ["trellis.integrations.sso.backends.SsoBackend", *AUTHENTICATION_BACKENDS]
# mozilla-django-oidc's own settings (constants, not configuration).
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_RP_SCOPES = "openid email profile"
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10  # seconds for each call to the provider
#
#
# --- Provisioning with SCIM 2.0 (trellis/integrations/scim) ---
# TRELLIS_SCIM_ENABLED: /scim/v2/ and the organiser's token page /organise/scim/ exist
# only when true (404 otherwise). TRELLIS_SCIM_MAX_RESULTS: the most Users one list
# request returns (a client's `count` above it is capped; advertised as filter.maxResults).
SCIM_ENABLED = env_bool("TRELLIS_SCIM_ENABLED", False)
SCIM_MAX_RESULTS = env_int("TRELLIS_SCIM_MAX_RESULTS", 100, minimum=1, maximum=1000)
#
#
# --- Chat webhooks (trellis/integrations/chat) ---
# Outgoing webhooks to Slack, Microsoft Teams or signed JSON, sent by the worker. The two
# allowances loosen the address check for tests and local development only.
CHAT_WEBHOOKS_ENABLED = env_bool("TRELLIS_CHAT_WEBHOOKS", False)
CHAT_TIMEOUT_SECONDS = env_int("TRELLIS_CHAT_TIMEOUT_SECONDS", 5, minimum=1, maximum=60)
CHAT_MAX_ATTEMPTS = env_int("TRELLIS_CHAT_MAX_ATTEMPTS", 6, minimum=1, maximum=10)
CHAT_ALLOW_HTTP_LOOPBACK = env_bool("TRELLIS_CHAT_ALLOW_HTTP_LOOPBACK", False)
CHAT_ALLOW_PRIVATE_ADDRESSES = env_bool("TRELLIS_CHAT_ALLOW_PRIVATE_ADDRESSES", False)
check_chat_settings(
    enabled=CHAT_WEBHOOKS_ENABLED,
    allow_http_loopback=CHAT_ALLOW_HTTP_LOOPBACK,
    allow_private_addresses=CHAT_ALLOW_PRIVATE_ADDRESSES,
)
#
#
# --- Calendar feeds (trellis/integrations/calendars) ---
# Milestone feeds at a secret address per member, and organisers' one-off download.
CALENDAR_FEEDS = env_bool("TRELLIS_CALENDAR_FEEDS", False)
# How often calendar programs are asked to fetch a feed again (REFRESH-INTERVAL).
CALENDAR_REFRESH_HOURS = env_int("TRELLIS_CALENDAR_REFRESH_HOURS", 12, minimum=1, maximum=168)
# A feed's address is its only key and calendar programs fetch it from anywhere: it
# travels over https, except on this machine's own loopback (development).
if CALENDAR_FEEDS and not (
    SITE_URL.startswith("https://")
    or urlsplit(SITE_URL).hostname in {"127.0.0.1", "localhost", "::1"}
):
    raise EnvError(
        f"TRELLIS_SITE_URL={SITE_URL!r} must start with https:// while TRELLIS_CALENDAR_FEEDS "
        "is on: a feed's secret address must not travel in the clear."
    )
#
#
# --- The weekly e-mail digest (trellis/integrations/digest) ---
# Off by default: with it on, `trellis sweep` queues one digest a week (on the weekday
# named, or the first sweep after it that week) and the worker sends it in batches.
DIGEST_ENABLED = env_bool("TRELLIS_DIGEST_ENABLED", False)
_DIGEST_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_digest_weekday = env_str("TRELLIS_DIGEST_WEEKDAY", "monday").lower()
if _digest_weekday not in _DIGEST_WEEKDAYS:
    raise EnvError(
        f"TRELLIS_DIGEST_WEEKDAY={_digest_weekday!r} is not a day of the week; "
        f"use one of: {', '.join(_DIGEST_WEEKDAYS)}."
    )
DIGEST_WEEKDAY = _DIGEST_WEEKDAYS.index(_digest_weekday)  # 0 is Monday, as date.weekday()
DIGEST_BATCH_SIZE = env_int("TRELLIS_DIGEST_BATCH_SIZE", 200, minimum=1, maximum=5000)
# RFC 8058: a one-click unsubscribe address must be https; a loopback address is for trying
# it out on one machine.
_site = urlsplit(SITE_URL)
if DIGEST_ENABLED and not (
    _site.scheme == "https"
    or (_site.scheme == "http" and _site.hostname in {"127.0.0.1", "localhost", "::1"})
):
    raise EnvError(
        f"TRELLIS_SITE_URL={SITE_URL!r} must start with https:// when TRELLIS_DIGEST_ENABLED "
        "is true: mail providers only follow a one-click unsubscribe address over https."
    )
#
#
# --- End of integrations ---

LOG_LEVEL = env_str("TRELLIS_LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise EnvError(f"TRELLIS_LOG_LEVEL={LOG_LEVEL!r} is not one of DEBUG, INFO, WARNING, ERROR.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # django-axes logs every sign-in at INFO; failures and lockouts (WARNING) are enough.
    "loggers": {"axes": {"level": "WARNING"}},
}
