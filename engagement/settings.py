"""The one settings module. Every knob comes from the environment (or a `.env` file beside manage.py).

Defaults are safe for a developer's machine: SQLite, a file-backed Celery broker, mail to the
console. Production (DEBUG off) refuses to start without a SECRET_KEY and turns on the secure
cookie / HSTS / SSL settings that `manage.py check --deploy` asks for.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")


def env_path(name: str, default: Path) -> Path:
    """A path from the environment; a relative one is taken from the project's folder."""
    value = Path(env.str(name, default=str(default)))
    return value if value.is_absolute() else BASE_DIR / value


DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal refuses to start without it: "
            "set SECRET_KEY in the environment (50+ random characters), or DEBUG=1 on a developer machine."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # ours
    "core",
    "users",
    "notices",
    "audit",
    "timeline",
    "clients",
    "matters",
    "hearings",
    "portal",
    "billing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "users.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "clients.middleware.TermsGateMiddleware",
    "core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "engagement.urls"
WSGI_APPLICATION = "engagement.wsgi.application"
ASGI_APPLICATION = "engagement.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "notices.context_processors.inbox",
            ],
        },
    },
    # Jinja2 for the hot fragments a profile pointed at (core/jinja.py): each app's jinja2/ folder.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "core.jinja.environment", "autoescape": True},
    },
]

# --- Database -------------------------------------------------------------------------------
# PostgreSQL in production (DATABASE_URL=postgres://…); SQLite in var/ when nothing is set.
# Importing settings creates nothing: the local folders a bare machine needs (SQLite's, the file
# broker's) are listed in LOCAL_DIRS and made by core's AppConfig.ready() when Django starts.
LOCAL_DIRS: list[Path] = []
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, for the test database too: the Celery worker thread and the live
    # server thread of the tests must see the same rows as the test itself.
    DATABASES["default"]["TEST"] = {"NAME": str(env_path("SQLITE_TEST_NAME", VAR_DIR / "test.sqlite3"))}
    for _db_file in (DATABASES["default"]["NAME"], DATABASES["default"]["TEST"]["NAME"]):
        if str(_db_file) != ":memory:":
            LOCAL_DIRS.append(Path(_db_file).parent)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, broker -----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# core.caching: short caches of what a user sees, keyed by the user and invalidated by the services.
# Only with a cache every process shares (Redis); PORTAL_CACHE=0 turns them off.
PORTAL_CACHE = env.bool("PORTAL_CACHE", default=bool(REDIS_URL))

# Celery: Redis when REDIS_URL is set; otherwise kombu's file-system transport in var/broker, so
# that the web process and the worker of `make run` share a queue on a bare machine and no notice
# is dropped. The notice row in the database stays the truth either way (see notices/).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost//")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = env_path("CELERY_BROKER_DIR", VAR_DIR / "broker")
    LOCAL_DIRS += [_broker_dir / _folder for _folder in ("queue", "processed", "control")]
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="engagement")
CELERY_TIMEZONE = "UTC"
# The outbox (notices/): retries with back-off written on the row (base · 2^attempts, capped), a claim
# older than NOTICE_STALE_CLAIM_SECONDS belongs to a dead worker and is handed out again, and after
# NOTICE_MAX_ATTEMPTS failures the notice is FAILED (the dead-letter list staff resend from).
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=6)
NOTICE_RETRY_BASE_SECONDS = env.float("NOTICE_RETRY_BASE_SECONDS", default=60.0)
NOTICE_RETRY_MAX_SECONDS = env.float("NOTICE_RETRY_MAX_SECONDS", default=6 * 3600.0)
NOTICE_STALE_CLAIM_SECONDS = env.float("NOTICE_STALE_CLAIM_SECONDS", default=600.0)
NOTICE_DISPATCH_GRACE_SECONDS = env.float("NOTICE_DISPATCH_GRACE_SECONDS", default=20.0)
CELERY_BEAT_SCHEDULE = {
    "notices-sweep": {
        "task": "notices.tasks.sweep",
        "schedule": env.float("NOTICE_SWEEP_SECONDS", default=30.0),
    },
    # Daily, early in the firm's morning: expire powers of attorney and warn ahead (notices.kinds schedule).
    "powers-expiry": {"task": "clients.tasks.powers_expiry", "schedule": crontab(hour=6, minute=5)},
    # Nightly: the conflict check's searched names lose those of parties renamed or deleted (PartyKey).
    "party-keys-sync": {"task": "clients.jobs.party_keys_sync", "schedule": crontab(hour=3, minute=30)},
    # Daily: acts unanswered past their acceptance period are recorded as accepted (billing.services.act_answers).
    "acts-deem-accepted": {"task": "billing.jobs.acts_deem_accepted", "schedule": crontab(hour=6, minute=15)},
}

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "users.backends.PortalModelBackend",
    "users.backends.PortalAllauthBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "users.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Poruchenie")

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="ru")
LANGUAGES = [("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("FIRM_TIME_ZONE", default="Asia/Yekaterinburg")
LANGUAGE_COOKIE_NAME = "lang"
# One date format and one date-and-time format per language (formats/en, formats/ru).
FORMAT_MODULE_PATH = ["formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("MEDIA_ROOT", VAR_DIR / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=25 * 1024 * 1024)
# What one client's people may upload in all (tasks, messages, documents): the default of Client.upload_quota_bytes.
CLIENT_UPLOAD_QUOTA_BYTES = env.int("CLIENT_UPLOAD_QUOTA_BYTES", default=2 * 1024**3)
MESSAGE_EDIT_MINUTES = env.int("MESSAGE_EDIT_MINUTES", default=15)  # the author may correct a message within
DELIVERY_CONFIRM_DAYS = env.int("DELIVERY_CONFIRM_DAYS", default=3)  # the client confirms a result's receipt within

# Media never goes through a public URL: every file is served by a view that checks the scope.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest (hashed names, long cache) needs `collectstatic`, which the image runs.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if env.str("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# --- Mail -----------------------------------------------------------------------------------
# Django 6.1 mailers. SMTP when EMAIL_HOST is set; otherwise EMAIL_BACKEND names a backend
# ("console" by default, "file" writes to var/mail/), so a developer sees every mail.
_email_host = env.str("EMAIL_HOST", default="")
if _email_host:
    _email_port = env.int("EMAIL_PORT", default=587)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": _email_port,
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=_email_port == 587),
                "use_ssl": env.bool("EMAIL_USE_SSL", default=_email_port == 465),
                "timeout": 30,
            },
        }
    }
else:
    _backend = env.str("EMAIL_BACKEND", default="console")
    _backend = {
        "console": "core.mail.ReadableConsoleBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
    }.get(_backend, _backend)
    MAILERS = {"default": {"BACKEND": _backend, "OPTIONS": {}}}
    if _backend.endswith("filebased.EmailBackend"):
        MAILERS["default"]["OPTIONS"]["file_path"] = str(env_path("EMAIL_FILE_PATH", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portal@poruchenie.test")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- The firm (printed on every document) ---------------------------------------------------
FIRM = {
    "name": env.str("FIRM_NAME", default="ООО «Юридическая фирма «Северный берег»"),
    "name_en": env.str("FIRM_NAME_EN", default="Severny Bereg Law Firm LLC"),
    "inn": env.str("FIRM_INN", default="6671415928"),
    "kpp": env.str("FIRM_KPP", default="667101001"),
    "ogrn": env.str("FIRM_OGRN", default="1166658001234"),
    "address": env.str("FIRM_ADDRESS", default="620014, г. Екатеринбург, ул. Примерная, д. 1, офис 100"),
    "phone": env.str("FIRM_PHONE", default="+7 (343) 000-00-00"),
    "email": env.str("FIRM_EMAIL", default="info@poruchenie.test"),
}
# Claims (rule 15) under the engagement terms (an organisation, or a person not buying for personal
# needs): the firm answers within this many days (section 15.3: "within the time limit set in the
# portal"). A consumer's claim is answered within 10 days whatever this says (the consumer law, art. 31).
CLAIM_RESPONSE_DAYS = env.int("CLAIM_RESPONSE_DAYS", default=30)

# --- API ------------------------------------------------------------------------------------
# How many reverse proxies of ours append to X-Forwarded-For (0: gunicorn faces the network). The
# client's address is taken from there only this far, by everyone who needs it: the access log,
# allauth's sign-in rate limits and the API's throttles. AUDIT_TRUSTED_PROXIES is the old name.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=env.int("AUDIT_TRUSTED_PROXIES", default=0))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
# An API token lives this many days; a password change or reset and turning on 2FA revoke it sooner.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)
# What every API call must pass first (core.api.PortalAPIView): dotted paths of `gate(view, request)`.
# The apps above core plug their rules in here, as MIDDLEWARE does for pages.
API_GATES = ["clients.api.terms.terms_gate"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes an anonymous call a 401, not a 403.
        "users.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["users.throttling.AnonThrottle", "users.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/min"),  # per address, calls without sign-in
        "user": env.str("API_THROTTLE_USER", default="600/min"),  # per signed-in user
    },
    "NUM_PROXIES": TRUSTED_PROXIES,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "core.api.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Poruchenie API",
    "DESCRIPTION": "The engagement portal's REST API: matters and written tasks, scoped to the caller.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets shared by several components get a stable name instead of a hash.
    "ENUM_NAME_OVERRIDES": {
        "SubcontractKindEnum": "matters.models.subcontracting.Subcontract.Kind",
        "PersonOrOrganisationEnum": "clients.models.parties.PartyKind",
        "IntakeKindEnum": "clients.models.intake.Intake.Kind",
        "PartyRoleEnum": "clients.models.parties.PartyRole",
        "ConflictHitRoleEnum": ["client", "opponent", "co_party", "third_party", "related"],
        "RiskNoticeKindEnum": "matters.models.risk.RiskNotice.Kind",
        "RiskNoticeStatusEnum": "matters.models.risk.RiskNotice.Status",
        "DeliverableKindEnum": "matters.models.deliverables.Deliverable.Kind",
        "DeliverableStatusEnum": "matters.models.deliverables.Deliverable.Status",
        "DeliveryChannelEnum": "matters.models.deliverables.Delivery.Channel",
        "TaskStatusEnum": "matters.models.tasks.Task.Status",
        "MatterStatusEnum": "matters.models.matters.Matter.Status",
        "InvoiceStatusEnum": "billing.models.invoices.Invoice.Status",
        "DeadlineStatusEnum": "hearings.models.deadlines.Deadline.Status",
        "ExpenseCategoryEnum": "billing.models.work.Expense.Category",
        "AdvanceCategoryEnum": "billing.models.advances.Advance.Category",
        "HearingKindEnum": "hearings.models.hearings.Hearing.Kind",
        "AttendeeKindEnum": "hearings.models.hearings.Attendee.Kind",
        "OutsideAttendeeKindEnum": ["employee", "witness"],
        "FeeArrangementKindEnum": "billing.models.fees.FeeArrangement.Kind",
        "WorkStatusEnum": "billing.models.work.WorkStatus",
        "AdjustmentSettleEnum": "billing.models.claims.BillingAdjustment.Settle",
        "ClaimRegimeEnum": "billing.models.claims.Claim.Regime",
        "ActDispatchChannelEnum": "billing.models.acts.ActDispatch.Channel",
        "ActLineSourceEnum": "billing.models.acts.ActLine.Source",
        "ActLineUnitEnum": "billing.models.acts.ActLine.Unit",
    },
}

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Pages that exist only for `make bench` (the floors it measures against). Never on in production.
BENCH_VIEWS = env.bool("BENCH_VIEWS", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every rendering step at INFO; keep its warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},
    },
}
